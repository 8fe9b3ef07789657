import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { counting, mcpApp } from '../fixtures/mcp.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { untilStill, until } from '../support/until.js';

/** The headers of a POST the Streamable HTTP transport accepts. */
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe.each(HTTP_ADAPTERS)('MCP tools over Streamable HTTP on %s', adapter => {
  const live = useLiveApp(adapter, mcpApp());
  const clients: Client[] = [];
  const url = () => new URL(`http://127.0.0.1:${live.port}/rpc/mcp`);

  /** An SDK client connected to the app, closed after the test. */
  async function connect(headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url(), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(client => client.close()));
  });

  it('initializes: the server says its name, version, instructions and tools capability, and gives no session id', async () => {
    const client = await connect();
    expect(client.getServerVersion()).toEqual({ name: 'mcp-spec', version: '2.0.0' });
    expect(client.getInstructions()).toBe('Use add_numbers to add.');
    expect(client.getServerCapabilities()?.tools).toBeDefined();
    expect((client.transport as StreamableHTTPClientTransport).sessionId).toBeUndefined();
  });

  it.each(['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'])('negotiates protocol revision %s', async version => {
    const answer = await fetch(url(), {
      method: 'POST',
      headers: MCP_HEADERS,
      body: JSON.stringify({ ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion: version } }),
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('mcp-session-id')).toBeNull();
    const body = (await answer.json()) as { result: { protocolVersion: string } };
    expect(body.result.protocolVersion).toBe(version);
  });

  it('lists the marked tools only, with the schemas of the OpenRPC document', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map(tool => tool.name)).toEqual(['add_numbers', 'greet', 'count_to', 'guarded', 'fail']);
    const byName = Object.fromEntries(tools.map(tool => [tool.name, tool]));
    const document = (await (await fetch(`http://127.0.0.1:${live.port}/rpc/openrpc.json`)).json()) as {
      methods: { name: string; params: { name: string; schema: unknown; required: boolean }[]; result: { schema: unknown } }[];
      components: { schemas: Record<string, unknown> };
    };
    const method = (name: string) => document.methods.find(item => item.name === name)!;
    // An object's data (the GreetDto): the tool's properties are the OpenRPC by-name params.
    const greet = byName.greet;
    expect(greet.description).toBe('Greets someone.');
    expect(greet.inputSchema.properties).toEqual(Object.fromEntries(method('greet').params.map(param => [param.name, param.schema])));
    expect(greet.inputSchema.required).toEqual(
      method('greet')
        .params.filter(param => param.required)
        .map(param => param.name),
    );
    expect(greet.outputSchema).toEqual(method('greet').result.schema);
    // Data that is not an object is wrapped as { data }; so is a result, as { result }.
    const add = byName.add_numbers;
    expect(add.inputSchema).toEqual({
      type: 'object',
      properties: { data: { ...(method('add_numbers').params[0].schema as object), description: expect.any(String) } },
      required: ['data'],
      additionalProperties: false,
    });
    expect(add.outputSchema).toEqual({ type: 'object', properties: { result: { type: 'number' } }, required: ['result'] });
    expect(add.title).toBe('Add numbers');
    expect(add.annotations).toEqual({ title: 'Add numbers', readOnlyHint: true, idempotentHint: true });
    expect(byName.fail.annotations).toEqual({ destructiveHint: true });
    expect(byName.guarded.inputSchema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('calls a tool: structuredContent and one JSON text content', async () => {
    const client = await connect();
    expect(await client.callTool({ name: 'add_numbers', arguments: { data: [1, 2, 3] } })).toEqual({
      content: [{ type: 'text', text: '6' }],
      structuredContent: { result: 6 },
    });
    expect(await client.callTool({ name: 'greet', arguments: { name: 'Ada' } })).toEqual({
      content: [{ type: 'text', text: '{"greeting":"Hello Ada!"}' }],
      structuredContent: { greeting: 'Hello Ada!' },
    });
  });

  it("answers a validation failure as a tool error with the validator's messages", async () => {
    const client = await connect();
    const result = await client.callTool({ name: 'greet', arguments: { name: 'A', extra: 1 } });
    expect(result.isError).toBe(true);
    const [message, data] = result.content as { type: 'text'; text: string }[];
    expect(message).toEqual({ type: 'text', text: 'Invalid data.' });
    expect(JSON.parse(data.text)).toEqual(
      expect.arrayContaining(['property extra should not exist', 'name must be longer than or equal to 2 characters']),
    );
  });

  it("answers RpcResponse.fail and a guard's refusal as tool errors with the weeRPC message", async () => {
    const client = await connect();
    expect(await client.callTool({ name: 'fail' })).toEqual({
      isError: true,
      content: [
        { type: 'text', text: 'It did not work.' },
        { type: 'text', text: '{"reason":"on purpose"}' },
      ],
    });
    const guarded = await client.callTool({ name: 'guarded' });
    expect(guarded.isError).toBe(true);
    expect((guarded.content as { text: string }[])[0].text).toBe('Forbidden resource');
  });

  it('answers an unknown tool, and a function that is no tool, with a JSON-RPC error', async () => {
    const client = await connect();
    for (const name of ['nope', 'not_a_tool', 'login']) {
      const error = await client.callTool({ name }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(McpError);
      expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
      expect((error as McpError).message).toContain(`Unknown tool: ${name}`);
    }
  });

  it('hides a tool from a caller its session rule refuses, fails closed on a call, and serves it after login', async () => {
    const anonymous = await connect();
    expect((await anonymous.listTools()).tools.map(tool => tool.name)).not.toContain('secret');
    expect(await anonymous.callTool({ name: 'secret' })).toEqual({ isError: true, content: [{ type: 'text', text: 'Unauthorized.' }] });

    const login = await fetch(`http://127.0.0.1:${live.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ weerpc: 1.1, function: 'login' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const member = await connect({ cookie });
    const tools = (await member.listTools()).tools;
    expect(tools.map(tool => tool.name)).toContain('secret');
    expect(await member.callTool({ name: 'secret' })).toEqual({
      content: [{ type: 'text', text: '"the secret"' }],
      structuredContent: { result: 'the secret' },
    });
  });

  it("sends a stream's items as progress notifications before the result, which holds them all", async () => {
    const client = await connect();
    const seen: string[] = [];
    const result = client
      .callTool({ name: 'count_to', arguments: { n: 4, delay: 30 } }, undefined, {
        onprogress: (progress: Progress) => seen.push(`progress ${progress.progress}: ${progress.message}`),
      })
      .then(answer => {
        seen.push('result');
        return answer;
      });
    await until(() => seen.length > 0);
    expect(seen[0]).toBe('progress 1: 1');
    expect((await result).structuredContent).toEqual({ result: [1, 2, 3, 4] });
    // The last notification leaves right before the result, and the SDK's client drops one it reads
    // together with the result (see docs/mcp.md): the others came before the end, in order.
    expect(seen.slice(0, 3)).toEqual(['progress 1: 1', 'progress 2: 2', 'progress 3: 3']);
    expect(seen.at(-1)).toBe('result');
  });

  it("stops the stream's producer when the client cancels the call", async () => {
    const client = await connect();
    const before = { ...counting };
    const controller = new AbortController();
    let progressed = 0;
    const call = client.callTool({ name: 'count_to', arguments: { n: 100, delay: 20 } }, undefined, {
      signal: controller.signal,
      onprogress: () => {
        if (++progressed === 3) {
          controller.abort('enough');
        }
      },
    });
    await expect(call).rejects.toThrow();
    await until(() => counting.finished > before.finished);
    const produced = await untilStill(() => counting.produced, 2000);
    expect(produced - before.produced).toBeLessThan(100);
  });

  it("stops the stream's producer when the client goes away", async () => {
    const before = { ...counting };
    const controller = new AbortController();
    const answer = await fetch(url(), {
      method: 'POST',
      headers: MCP_HEADERS,
      signal: controller.signal,
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'count_to', arguments: { n: 100, delay: 20 }, _meta: { progressToken: 'p' } },
      }),
    });
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const reader = answer.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('notifications/progress');
    controller.abort();
    await until(() => counting.finished > before.finished);
    const produced = await untilStill(() => counting.produced, 2000);
    expect(produced - before.produced).toBeLessThan(100);
  });

  it('refuses a foreign Origin with 403, and lets an allowed one in', async () => {
    const foreign = await fetch(url(), {
      method: 'POST',
      headers: { ...MCP_HEADERS, origin: 'https://evil.example' },
      body: JSON.stringify(INITIALIZE),
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ jsonrpc: '2.0', error: { code: -32002, message: 'Origin not allowed.' }, id: null });
    const own = await fetch(url(), {
      method: 'POST',
      headers: { ...MCP_HEADERS, origin: `http://127.0.0.1:${live.port}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(own.status).toBe(200);
    await own.text();
    const allowed = await fetch(url(), {
      method: 'POST',
      headers: { ...MCP_HEADERS, origin: 'https://agent.example' },
      body: JSON.stringify(INITIALIZE),
    });
    expect(allowed.status).toBe(200);
    await allowed.text();
  });

  it('refuses a body over bodyLimit with 413 and a JSON-RPC error', async () => {
    const big = { ...INITIALIZE, params: { ...INITIALIZE.params, padding: 'x'.repeat(20 * 1024) } };
    const answer = await fetch(url(), { method: 'POST', headers: MCP_HEADERS, body: JSON.stringify(big) });
    expect(answer.status).toBe(413);
    expect(await answer.json()).toEqual({ jsonrpc: '2.0', error: { code: -32005, message: 'Request too large.' }, id: null });
  });

  it('answers malformed JSON with a parse error, and GET or DELETE with 405 (stateless)', async () => {
    const malformed = await fetch(url(), { method: 'POST', headers: MCP_HEADERS, body: '{"jsonrpc":' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { code: number } }).error.code).toBe(-32700);
    for (const method of ['GET', 'DELETE']) {
      const answer = await fetch(url(), { method, headers: { accept: 'text/event-stream' } });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('allow')).toBe('POST');
      await answer.text();
    }
  });

  it('answers 100 concurrent calls, each with its own result', async () => {
    const client = await connect();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => client.callTool({ name: 'add_numbers', arguments: { data: [i, 1000] } })),
    );
    expect(results.map(result => (result.structuredContent as { result: number }).result)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1000));
  });
});
