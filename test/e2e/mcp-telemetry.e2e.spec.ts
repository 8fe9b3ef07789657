import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { mcpApp } from '../fixtures/mcp.fixture.js';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';
import { registerTelemetrySdk, type TelemetrySdk } from '../support/telemetry-sdk.js';

// Registered before any app boots, as `NodeSDK.start()` would be at the top of main.ts.
let sdk: TelemetrySdk;
beforeAll(() => {
  sdk = registerTelemetrySdk();
});
afterAll(() => sdk.shutdown());

describe.each(HTTP_ADAPTERS)('MCP tool calls in OpenTelemetry on %s', adapter => {
  const live = useLiveApp(adapter, mcpApp());

  it("traces a tools/call as a call of the function, with rpc.system 'mcp'", async () => {
    sdk.spans.reset();
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${live.port}/rpc/mcp`)));
    await client.callTool({ name: 'add_numbers', arguments: { data: [1, 2] } });
    await client.callTool({ name: 'fail' });
    await client.close();
    const calls = sdk.spans.getFinishedSpans().map(span => span.attributes);
    expect(calls).toEqual([
      { 'rpc.system': 'mcp', 'rpc.method': 'add_numbers' },
      { 'rpc.system': 'mcp', 'rpc.method': 'fail', 'error.type': 'function-failed' },
    ]);
  });
});
