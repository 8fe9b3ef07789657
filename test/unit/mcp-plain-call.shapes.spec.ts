import { describe, expect, it } from '@jest/globals';
import { CallToolRequestSchema, CallToolResultSchema, JSONRPCRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { commonToolCall, resultStandsAsBuilt } from '../../lib/mcp/mcp-plain-call.shapes.js';

/**
 * The shortcuts past the SDK's zod checks must be narrower than the schemas: whatever they take,
 * the schemas take too and give back the same values (the e2e spec mcp-plain-calls compares whole
 * answers; this one the shortcuts themselves, against many shapes).
 */
const call = (more: Record<string, unknown> = {}, params: Record<string, unknown> = { name: 'add', arguments: { data: [1] } }) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params,
  ...more,
});

const MESSAGES: readonly unknown[] = [
  call(),
  call({ id: 'x' }),
  call({ id: 0 }),
  call({ id: -7 }),
  call({ id: 1.5 }),
  call({ id: Number.MAX_SAFE_INTEGER + 1 }),
  call({ id: null }),
  call({ id: true }),
  call({ id: undefined }),
  call({ jsonrpc: '1.0' }),
  call({ method: 'tools/list' }),
  call({ extra: 1 }),
  call({}, { name: 'add' }),
  call({}, { name: 5 }),
  call({}, { name: 'add', arguments: null }),
  call({}, { name: 'add', arguments: [1] }),
  call({}, { name: 'add', arguments: 'x' }),
  call({}, { name: 'add', arguments: {} }),
  call({}, { name: 'add', more: 1 }),
  call({}, { name: 'add', _meta: {} }),
  call({}, { name: 'add', _meta: { progressToken: 1 } }),
  call({}, { name: 'add', task: { ttl: 1 } }),
  call({}, null as unknown as Record<string, unknown>),
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","arguments":{"__proto__":{"x":1},"y":2}}}'),
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a","__proto__":{"x":1}}}'),
  JSON.parse('{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"a"},"__proto__":{}}'),
  [call()],
  null,
  'tools/call',
];

describe('commonToolCall', () => {
  it.each(MESSAGES.map(message => [JSON.stringify(message), message]))(
    'takes %s only if the SDK schemas take it, with the same values',
    (_, message) => {
      const shortcut = commonToolCall(message);
      if (shortcut === undefined) {
        return; // the schemas decide
      }
      const envelope = JSONRPCRequestSchema.safeParse(message);
      const request = CallToolRequestSchema.safeParse(message);
      expect(envelope.success && request.success).toBe(true);
      expect(shortcut.id).toBe(envelope.data!.id);
      expect(shortcut.params).toEqual(request.data!.params);
      expect(request.data!.params._meta).toBeUndefined();
      expect(request.data!.params.task).toBeUndefined();
    },
  );

  it('takes the call an SDK client sends', () => {
    expect(commonToolCall(call())).toEqual({ id: 1, params: { name: 'add', arguments: { data: [1] } } });
    expect(commonToolCall(call({}, { name: 'add' }))).toEqual({ id: 1, params: { name: 'add' } });
  });
});

describe('resultStandsAsBuilt', () => {
  class Point {
    x = 1;
  }
  const RESULTS: readonly [unknown, boolean][] = [
    [{ content: [{ type: 'text', text: '6' }] }, false],
    [{ content: [{ type: 'text', text: '6' }], structuredContent: { result: 6 } }, true],
    [
      {
        content: [
          { type: 'text', text: 'No.' },
          { type: 'text', text: '{"a":1}' },
        ],
        isError: true,
      },
      false,
    ],
    [{ content: [{ type: 'text', text: undefined }] }, false],
    [{ content: [{ type: 'text', text: '{}' }], structuredContent: new Point() }, false],
    [{ content: [{ type: 'text', text: '{}' }], structuredContent: { x: 1 } }, false],
  ];

  it.each(RESULTS.map(([result, built]) => [JSON.stringify(result), result, built]))(
    'stands %s as built only if CallToolResultSchema gives it back unchanged',
    (_, result, built) => {
      if (!resultStandsAsBuilt(result as never, built as boolean)) {
        return;
      }
      const parsed = CallToolResultSchema.safeParse(result);
      expect(parsed.success).toBe(true);
      expect(JSON.stringify(parsed.data)).toBe(JSON.stringify(result));
    },
  );

  it('leaves a function’s own object and a missing text to the schema', () => {
    expect(resultStandsAsBuilt({ content: [{ type: 'text', text: '{}' }], structuredContent: { x: 1 } }, false)).toBe(false);
    expect(resultStandsAsBuilt({ content: [{ type: 'text', text: undefined as unknown as string }] }, false)).toBe(false);
    expect(resultStandsAsBuilt({ content: [{ type: 'text', text: '6' }], structuredContent: { result: 6 } }, true)).toBe(true);
  });
});
