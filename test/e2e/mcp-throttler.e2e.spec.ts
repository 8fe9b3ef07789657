import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Throttle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';

@Injectable()
class LimitedTools {
  @RpcFunction({ mcp: true, result: { type: 'string' } })
  @Throttle({ default: { limit: 2, ttl: 60_000 } })
  scarce() {
    return 'ok';
  }
}

@Module({
  imports: [WeeRpcModule.forRoot({ mcp: true }), ThrottlerModule.forRoot([{ ttl: 60_000, limit: 50 }])],
  providers: [LimitedTools, { provide: APP_GUARD, useClass: ThrottlerGuard }],
})
class ThrottledMcpModule {}

describe.each(HTTP_ADAPTERS)("@nestjs/throttler's global guard on MCP tool calls (%s)", adapter => {
  const live = useLiveApp(adapter, ThrottledMcpModule);

  it("counts each tools/call, and answers the throttler's refusal as a tool error", async () => {
    const client = new Client({ name: 'spec', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${live.port}/rpc/mcp`)));
    try {
      expect((await client.callTool({ name: 'scarce' })).structuredContent).toEqual({ result: 'ok' });
      expect((await client.callTool({ name: 'scarce' })).structuredContent).toEqual({ result: 'ok' });
      expect(await client.callTool({ name: 'scarce' })).toEqual({
        isError: true,
        content: [{ type: 'text', text: 'ThrottlerException: Too Many Requests' }],
      });
    } finally {
      await client.close();
    }
  });
});
