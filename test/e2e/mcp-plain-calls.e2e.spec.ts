import { jest } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { McpPlainToolCalls } from '../../lib/mcp/mcp-plain-tool-calls.js';
import { counting, mcpApp } from '../fixtures/mcp.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { until, untilStill } from '../support/until.js';

/**
 * A plain `tools/call` (one request, no progress token) is answered past the SDK's per-request
 * server and transport (lib/mcp/mcp-plain-tool-calls.ts). The SDK still answers the same call sent
 * as a batch of one, so each request goes both ways here and the two answers must be the same
 * bytes, status and headers; a spy tells which way each went.
 */
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' };

interface Case {
  readonly what: string;
  readonly message: Record<string, unknown>;
  readonly headers?: Record<string, string | undefined>;
  /** Whether the plain path answers it (else the SDK does, single or not). */
  readonly plain: boolean;
}

const call = (name: string, args?: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name, ...(args && { arguments: args }), ...more },
});

const CASES: readonly Case[] = [
  { what: 'a success with a wrapped result', message: call('add_numbers', { data: [1, 2, 3] }), plain: true },
  { what: 'a success with an object result', message: call('greet', { name: 'Ada' }), plain: true },
  { what: 'a string id', message: { ...call('add_numbers', { data: [4] }), id: 'call-1' }, plain: true },
  { what: 'id 0', message: { ...call('add_numbers', { data: [4] }), id: 0 }, plain: true },
  { what: "a validation failure (isError, the validator's messages)", message: call('greet', { name: 'A', extra: 1 }), plain: true },
  { what: 'data of the wrong type', message: call('add_numbers', { data: 'x' }), plain: true },
  { what: 'RpcResponse.fail with data', message: call('fail'), plain: true },
  { what: "a guard's refusal", message: call('guarded'), plain: true },
  { what: 'a session rule failing closed', message: call('secret'), plain: true },
  { what: 'a stream, collected', message: call('count_to', { n: 3, delay: 1 }), plain: true },
  { what: 'other _meta', message: call('add_numbers', { data: [1] }, { _meta: { note: 'x' } }), plain: true },
  {
    what: 'no MCP-Protocol-Version header',
    message: call('add_numbers', { data: [1] }),
    headers: { 'mcp-protocol-version': undefined },
    plain: true,
  },
  {
    what: 'a Content-Type with a charset',
    message: call('add_numbers', { data: [1] }),
    headers: { 'content-type': 'application/json; charset=utf-8' },
    plain: true,
  },
  { what: 'params the schema strips', message: call('add_numbers', { data: [1] }, { more: true }), plain: true },
  {
    what: 'arguments with an own __proto__ key',
    message: JSON.parse(
      '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"greet","arguments":{"name":"Ada","__proto__":{"x":1}}}}',
    ) as Record<string, unknown>,
    plain: true,
  },
  { what: 'an unknown tool', message: call('nope'), plain: false },
  { what: 'an id that is not an integer', message: { ...call('add_numbers', { data: [1] }), id: 1.5 }, plain: false },
  { what: 'a null id', message: { ...call('add_numbers', { data: [1] }), id: null }, plain: false },
  { what: 'null arguments', message: { ...call('add_numbers'), params: { name: 'add_numbers', arguments: null } }, plain: false },
  { what: 'a JSON-RPC version that is not 2.0', message: { ...call('add_numbers', { data: [1] }), jsonrpc: '1.0' }, plain: false },
  { what: 'a function that is no tool', message: call('not_a_tool'), plain: false },
  { what: 'a name that is not a string', message: { ...call('add_numbers'), params: { name: 5 } }, plain: false },
  { what: 'arguments that are not an object', message: { ...call('add_numbers'), params: { name: 'add_numbers', arguments: [1] } }, plain: false },
  { what: 'a member JSON-RPC does not have', message: { ...call('add_numbers', { data: [1] }), extra: true }, plain: false },
  { what: 'no id (a notification)', message: { jsonrpc: '2.0', method: 'tools/call', params: { name: 'add_numbers' } }, plain: false },
  {
    what: 'a progress token (answered as an event stream)',
    message: call('add_numbers', { data: [1] }, { _meta: { progressToken: 'p' } }),
    plain: false,
  },
  { what: 'a task', message: call('add_numbers', { data: [1] }, { task: { ttl: 1000 } }), plain: false },
  {
    what: 'an unsupported protocol version',
    message: call('add_numbers', { data: [1] }),
    headers: { 'mcp-protocol-version': '1999-01-01' },
    plain: false,
  },
  { what: 'an Accept without event streams', message: call('add_numbers', { data: [1] }), headers: { accept: 'application/json' }, plain: false },
  { what: 'a Content-Type that is not JSON', message: call('add_numbers', { data: [1] }), headers: { 'content-type': 'text/plain' }, plain: false },
  { what: 'tools/list', message: { jsonrpc: '2.0', id: 3, method: 'tools/list' }, plain: false },
];

const answered = jest.spyOn(McpPlainToolCalls.prototype, 'answer');
afterAll(() => answered.mockRestore());

/** A function's own object that is no plain object: it goes out as the plain object its JSON is. */
class Point {
  constructor(readonly x: number) {}
}

@Injectable()
class PointService {
  @RpcFunction({ name: 'point', result: { type: 'object', properties: { x: { type: 'number' } } }, mcp: true })
  point() {
    return new Point(1);
  }

  @RpcFunction({ name: 'plain_point', result: { type: 'object', properties: { x: { type: 'number' } } }, mcp: true })
  plainPoint() {
    return { x: 1 };
  }
}

@Module({ imports: [WeeRpcModule.forRoot({ mcp: true })], providers: [PointService] })
class PointModule {}

describe.each(HTTP_ADAPTERS)('MCP plain tools/call of an object result on %s', adapter => {
  const live = useLiveApp(adapter, PointModule);

  it.each(['point', 'plain_point'])('answers %s as the SDK does', async name => {
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${live.port}/rpc/mcp`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) }).then(async answer => ({
        status: answer.status,
        body: await answer.text(),
      }));
    answered.mockClear();
    const single = await post(call(name));
    expect(answered).toHaveBeenCalledTimes(1);
    expect(single).toEqual(await post([call(name)]));
    expect(JSON.parse(single.body)).toEqual({
      jsonrpc: '2.0',
      id: expect.anything(),
      result: expect.objectContaining({ structuredContent: { x: 1 } }),
    });
  });
});

describe.each(HTTP_ADAPTERS)('MCP plain tools/call on %s', adapter => {
  const live = useLiveApp(adapter, mcpApp());
  const url = () => `http://127.0.0.1:${live.port}/rpc/mcp`;
  const clients: Client[] = [];

  beforeEach(() => answered.mockClear());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(client => client.close()));
  });

  async function post(body: unknown, headers: Record<string, string | undefined> = {}, init: RequestInit = {}) {
    const sent = Object.fromEntries(Object.entries({ ...HEADERS, ...headers }).filter(([, value]) => value !== undefined)) as Record<string, string>;
    const answer = await fetch(url(), { method: 'POST', headers: sent, body: JSON.stringify(body), ...init });
    return {
      status: answer.status,
      contentType: answer.headers.get('content-type'),
      sessionId: answer.headers.get('mcp-session-id'),
      body: await answer.text(),
    };
  }

  it.each(CASES)('answers $what as the SDK does', async ({ message, headers, plain }) => {
    const single = await post(message, headers);
    expect(answered).toHaveBeenCalledTimes(plain ? 1 : 0);
    const bySdk = await post([message], headers);
    expect(answered).toHaveBeenCalledTimes(plain ? 1 : 0);
    expect(single).toEqual(bySdk);
    if (plain) {
      expect(single.status).toBe(200);
      expect(single.contentType).toBe('application/json');
      expect(single.sessionId).toBeNull();
    }
  });

  it("is the path of the SDK client's calls, which read the same results", async () => {
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url())));
    clients.push(client);
    expect(await client.callTool({ name: 'add_numbers', arguments: { data: [1, 2, 3] } })).toEqual({
      content: [{ type: 'text', text: '6' }],
      structuredContent: { result: 6 },
    });
    expect(answered).toHaveBeenCalledTimes(1);
  });

  it("stops a plain call's stream when the SDK client cancels it (notifications/cancelled)", async () => {
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url())));
    clients.push(client);
    const before = { ...counting };
    const controller = new AbortController();
    const running = client.callTool({ name: 'count_to', arguments: { n: 100, delay: 20 } }, undefined, { signal: controller.signal });
    await until(() => counting.produced - before.produced >= 3);
    expect(answered).toHaveBeenCalledTimes(1);
    controller.abort('enough');
    await expect(running).rejects.toThrow();
    await until(() => counting.finished > before.finished);
    const produced = await untilStill(() => counting.produced, 2000);
    expect(produced - before.produced).toBeLessThan(100);
  });

  it("stops a plain call's stream when the client goes away", async () => {
    const before = { ...counting };
    const controller = new AbortController();
    const gone = post(call('count_to', { n: 100, delay: 20 }), {}, { signal: controller.signal }).catch((error: unknown) => error);
    await until(() => counting.produced - before.produced >= 3);
    expect(answered).toHaveBeenCalledTimes(1);
    controller.abort();
    expect((await gone) as { name?: string }).toMatchObject({ name: 'AbortError' });
    await until(() => counting.finished > before.finished);
    const produced = await untilStill(() => counting.produced, 2000);
    expect(produced - before.produced).toBeLessThan(100);
  });

  it('refuses a foreign Origin and a body over bodyLimit before any call runs', async () => {
    const foreign = await post(call('add_numbers', { data: [1] }), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const big = await post(call('add_numbers', { data: Array.from({ length: 10_000 }, () => 1) }));
    expect(big.status).toBe(413);
    expect(answered).not.toHaveBeenCalled();
  });
});
