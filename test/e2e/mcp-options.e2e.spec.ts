import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { RpcFunction, WeeRpcModule, type WeeRpcModuleOptions } from 'nestjs-weerpc';
import { mcpApp } from '../fixtures/mcp.fixture.js';
import { portOf } from '../support/adapters.js';
import { createTestApp, initError } from '../support/create-app.js';

/** A module whose root endpoint has these options and one unmarked function. */
function appWith(options: WeeRpcModuleOptions) {
  @Injectable()
  class Plain {
    @RpcFunction()
    ping() {
      return 'pong';
    }
  }
  @Module({ imports: [WeeRpcModule.forRoot(options)], providers: [Plain] })
  class OptionsModule {}
  return OptionsModule;
}

describe('MCP options at bootstrap', () => {
  it.each([
    [{ mcp: 'yes' }, 'WeeRpcModule option "mcp" must be true or an object of MCP options.'],
    [{ mcp: { tools: 'some' } }, "WeeRpcModule option \"mcp.tools\" must be 'marked', 'all' or an array of function names."],
    [{ mcp: { path: 7 } }, 'WeeRpcModule option "mcp.path" must be a string.'],
    [
      { mcp: { allowedOrigins: 'https://a.example' } },
      'WeeRpcModule option "mcp.allowedOrigins" must be an array of origins such as "https://app.example.com".',
    ],
    [{ mcp: { tools: ['nope'] } }, "Endpoint '/rpc': \"mcp.tools\" names 'nope', which is not a function of the endpoint."],
    [{ mcp: { path: 'rpc' } }, 'The MCP path \'/rpc\' is already the path of a weeRPC endpoint; give "mcp.path" another.'],
  ])('refuses %j', async (options, message) => {
    const error = await initError(appWith(options as WeeRpcModuleOptions), 'express');
    expect(error.message).toBe(message);
  });

  it('refuses an invalid tool mark where the decorator is written, naming the method', () => {
    const decorate = () => {
      class Marked {
        @RpcFunction({ mcp: { readonly: true } as never })
        tool() {
          return 1;
        }
      }
      return Marked;
    };
    expect(decorate).toThrow(
      '@RpcFunction on Marked#tool: "mcp" must be true, false or { title?, readOnly?, destructive?, idempotent?, openWorld? } (a string title and boolean hints).',
    );
  });
});

describe('MCP tool choice and path', () => {
  let app: INestApplication | undefined;
  let client: Client | undefined;

  afterEach(async () => {
    await client?.close();
    await app?.close();
    client = app = undefined;
  });

  async function toolNames(module: object, path: string, configure?: (app: INestApplication) => void): Promise<string[]> {
    app = await createTestApp(module, { adapter: 'express', configure });
    client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${portOf(app)}${path}`)));
    return (await client.listTools()).tools.map(tool => tool.name);
  }

  it("serves every function with tools: 'all', and the marked ones plus those listed with a list", async () => {
    expect(await toolNames(mcpApp({ mcp: { tools: 'all' } }), '/rpc/mcp')).toEqual([
      'add_numbers',
      'greet',
      'count_to',
      'guarded',
      'fail',
      'login',
      'not_a_tool',
    ]);
    await client!.close();
    await app!.close();
    expect(await toolNames(mcpApp({ mcp: { tools: ['not_a_tool'] } }), '/rpc/mcp')).toEqual([
      'add_numbers',
      'greet',
      'count_to',
      'guarded',
      'fail',
      'not_a_tool',
    ]);
  });

  it('serves a plain function listed in tools, and an mcp.path under the global prefix', async () => {
    const module = appWith({ functions: { double: (data: number) => data * 2 }, mcp: { path: 'agents', tools: ['double'] } });
    expect(await toolNames(module, '/api/agents', app => app.setGlobalPrefix('api'))).toEqual(['double']);
    expect(await client!.callTool({ name: 'double', arguments: { data: 21 } })).toEqual({ content: [{ type: 'text', text: '42' }] });
  });

  it('has no MCP route without the mcp option', async () => {
    app = await createTestApp(appWith({}), { adapter: 'express' });
    const answer = await fetch(`http://127.0.0.1:${portOf(app)}/rpc/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(404);
    await answer.text();
  });
});
