/**
 * The sample's tools over MCP with the SDK's own clients: over Streamable HTTP on both adapters
 * (the tester tools for anyone, the clients' CRUD tools for a logged-in session), and over stdio,
 * `dist-sample/mcp.js` run as an agent runs it: a child process driven by `StdioClientTransport`.
 * The stdio part needs dist-sample/ built (`npm test` builds it).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADAPTERS } from '../support/create-app.js';
import { startSample, tempDataDir, type RunningSample } from './sample-app.fixture.js';

const STDIO_ENTRY = fileURLToPath(new URL('../../dist-sample/mcp.js', import.meta.url));
const TESTER_TOOLS = ['add_numbers', 'add_string', 'count_to'];
const CLIENT_TOOLS = ['create', 'read', 'update', 'delete', 'list'];

async function login(url: string): Promise<string> {
  const answer = await fetch(`${url}/rpc/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ weerpc: 1.1, function: 'login', data: { username: 'agent' } }),
  });
  expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
  return answer.headers.get('set-cookie')!.split(';')[0];
}

describe.each(ADAPTERS)('sample on %s: its tools over Streamable HTTP', adapter => {
  let sample: RunningSample;
  const clients: Client[] = [];

  async function connect(path: string, headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: 'sample-spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${sample.url}${path}`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    sample = await startSample(undefined, { adapter });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map(client => client.close()));
  });
  afterAll(() => sample.close());

  it('lists add_numbers, add_string and count_to at /rpc/mcp and calls add_numbers', async () => {
    const client = await connect('/rpc/mcp');
    expect((await client.listTools()).tools.map(tool => tool.name)).toEqual(TESTER_TOOLS);
    expect((await client.callTool({ name: 'add_numbers', arguments: { data: [1, 2, 3] } })).structuredContent).toEqual({ result: 6 });
    expect(await client.callTool({ name: 'add_string', arguments: { data: 7 } })).toEqual({
      isError: true,
      content: [
        { type: 'text', text: 'Invalid data type.' },
        { type: 'text', text: '{"expected":"a string"}' },
      ],
    });
  });

  it('hides the clients tools without a login, and runs their CRUD for a logged-in session', async () => {
    const anonymous = await connect('/rpc/clients/mcp');
    expect((await anonymous.listTools()).tools).toEqual([]);
    const member = await connect('/rpc/clients/mcp', { cookie: await login(sample.url) });
    const tools = (await member.listTools()).tools;
    expect(tools.map(tool => tool.name)).toEqual(CLIENT_TOOLS);
    expect(tools.find(tool => tool.name === 'delete')!.annotations).toEqual({ title: 'Delete a client', destructiveHint: true });
    const created = (await member.callTool({ name: 'create', arguments: { name: 'Ada' } })).structuredContent as { client_id: number; name: string };
    expect(created.name).toBe('Ada');
    const renamed = await member.callTool({ name: 'update', arguments: { client_id: created.client_id, name: 'Ada L.' } });
    expect((renamed.structuredContent as { name: string }).name).toBe('Ada L.');
    const listed = (await member.callTool({ name: 'list' })).structuredContent as { result: { name: string }[] };
    expect(listed.result.map(client => client.name)).toContain('Ada L.');
    await member.callTool({ name: 'delete', arguments: { client_id: created.client_id } });
    expect(await member.callTool({ name: 'read', arguments: { client_id: created.client_id } })).toEqual({
      isError: true,
      content: [{ type: 'text', text: `Client ${created.client_id} not found` }],
    });
  });
});

describe('sample over stdio: dist-sample/mcp.js as a child process', () => {
  let client: Client;
  const dataDir = tempDataDir();

  beforeAll(async () => {
    if (!existsSync(STDIO_ENTRY)) {
      throw new Error('dist-sample/mcp.js is missing: run `npm run build:sample` first (`npm test` does)');
    }
    // Without the test runner's NODE_OPTIONS (--experimental-vm-modules warns on stderr).
    const { NODE_OPTIONS: _, ...env } = process.env;
    client = new Client({ name: 'stdio-spec', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: process.execPath, args: [STDIO_ENTRY], env: { ...(env as Record<string, string>), DATA_DIR: dataDir } }),
    );
  });
  afterAll(async () => {
    await client?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('initializes and lists the root endpoint tools', async () => {
    expect(client.getServerVersion()?.name).toBe('Tester');
    expect((await client.listTools()).tools.map(tool => tool.name)).toEqual(TESTER_TOOLS);
  });

  it('calls add_numbers', async () => {
    expect(await client.callTool({ name: 'add_numbers', arguments: { data: [2, 3] } })).toEqual({
      content: [{ type: 'text', text: '5' }],
      structuredContent: { result: 5 },
    });
  });

  it("reports count_to's numbers as progress, then answers them all", async () => {
    const progress: Progress[] = [];
    const result = await client.callTool({ name: 'count_to', arguments: { n: 3, delay: 20 } }, undefined, {
      onprogress: item => progress.push(item),
    });
    // The SDK's client drops a progress notification it reads together with the result (it handles
    // notifications a microtask late), which can happen to the last one: the others must be there.
    expect(progress.map(item => [item.progress, item.message]).slice(0, 2)).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
    expect(progress.every(item => item.message === String(item.progress))).toBe(true);
    expect(result.structuredContent).toEqual({ result: [1, 2, 3] });
  });
});
