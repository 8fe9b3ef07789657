import type { INestApplication } from '@nestjs/common';
import { SpecExamplesService, specExamplesApp } from '../fixtures/jsonrpc.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { rawPost } from '../support/raw-http.js';

/**
 * Every example of the JSON-RPC 2.0 specification (section 7, "Examples"), request bytes and
 * answer exactly as printed there. `null` as the answer: "nothing is returned" (HTTP 204, no body).
 */
const EXAMPLES: [name: string, request: string, answer: unknown][] = [
  [
    'rpc call with positional parameters (1)',
    '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}',
    { jsonrpc: '2.0', result: 19, id: 1 },
  ],
  [
    'rpc call with positional parameters (2)',
    '{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}',
    { jsonrpc: '2.0', result: -19, id: 2 },
  ],
  [
    'rpc call with named parameters (1)',
    '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}',
    { jsonrpc: '2.0', result: 19, id: 3 },
  ],
  [
    'rpc call with named parameters (2)',
    '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}',
    { jsonrpc: '2.0', result: 19, id: 4 },
  ],
  ['a Notification (1)', '{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}', null],
  ['a Notification (2)', '{"jsonrpc": "2.0", "method": "foobar"}', null],
  [
    'rpc call of non-existent method',
    '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}',
    { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '1' },
  ],
  [
    'rpc call with invalid JSON',
    '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]',
    { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null },
  ],
  [
    'rpc call with invalid Request object',
    '{"jsonrpc": "2.0", "method": 1, "params": "bar"}',
    { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
  ],
  [
    'rpc call Batch, invalid JSON',
    `[
  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
  {"jsonrpc": "2.0", "method"
]`,
    { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null },
  ],
  ['rpc call with an empty Array', '[]', { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }],
  ['rpc call with an invalid Batch (but not empty)', '[1]', [{ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }]],
  [
    'rpc call with invalid Batch',
    '[1,2,3]',
    [
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
    ],
  ],
  [
    'rpc call Batch',
    `[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
    ]`,
    [
      { jsonrpc: '2.0', result: 7, id: '1' },
      { jsonrpc: '2.0', result: 19, id: '2' },
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
      { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '5' },
      { jsonrpc: '2.0', result: ['hello', 5], id: '9' },
    ],
  ],
  [
    'rpc call Batch (all notifications)',
    `[
        {"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}
    ]`,
    null,
  ],
];

/** A batch answer may come in any order (specification, section 6): compare as a set. */
const sortById = (answer: unknown) =>
  Array.isArray(answer) ? [...answer].sort((a, b) => JSON.stringify(a.id).localeCompare(JSON.stringify(b.id))) : answer;

describe.each(ADAPTERS)('JSON-RPC 2.0 specification examples on %s', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(specExamplesApp(), { adapter });
  });
  afterAll(() => app.close());

  it.each(EXAMPLES)('%s', async (_name, body, expected) => {
    const res = await rawPost(app, '/rpc', body, { 'Content-Type': 'application/json' });
    if (expected === null) {
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(res.headers['content-length']).toBeUndefined();
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(sortById(res.json())).toEqual(sortById(expected));
  });

  it('ran the notifications it did not answer', async () => {
    const service = app.get(SpecExamplesService);
    service.notified.length = 0;
    await rawPost(app, '/rpc', '{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}', { 'Content-Type': 'application/json' });
    await rawPost(app, '/rpc', '[{"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}]', { 'Content-Type': 'application/json' });
    expect(service.notified).toEqual([
      { method: 'update', params: [1, 2, 3, 4, 5] },
      { method: 'notify_hello', params: [7] },
    ]);
  });
});
