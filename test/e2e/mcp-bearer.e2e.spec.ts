import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  Injectable,
  Module,
  type CanActivate,
  type ExecutionContext,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { HTTP_ADAPTERS, useLiveApp } from '../support/adapters.js';

/** docs/mcp.md's bearer example: a middleware on the MCP path answers 401 with WWW-Authenticate; a guard checks scopes per tool call. */
type AuthedRequest = IncomingMessage & { user?: { id: string; scopes: string[] } };
const TOKENS: Record<string, AuthedRequest['user']> = {
  writer: { id: 'writer', scopes: ['clients:write'] },
  reader: { id: 'reader', scopes: [] },
};
const RESOURCE_METADATA = 'Bearer resource_metadata="https://api.example.com/.well-known/oauth-protected-resource"';

@Injectable()
class BearerMiddleware implements NestMiddleware {
  use(request: AuthedRequest, response: ServerResponse, next: () => void) {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const user = token === undefined ? undefined : TOKENS[token];
    if (!user) {
      const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message: 'Unauthorized' }, id: null });
      response.writeHead(401, {
        'WWW-Authenticate': RESOURCE_METADATA,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
      });
      response.end(body);
      return;
    }
    request.user = user;
    next();
  }
}

@Injectable()
class ScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthedRequest & { raw?: AuthedRequest }>();
    // On Fastify, middleware gets Node's request (`raw`) and guards get Fastify's.
    const user = request.user ?? request.raw?.user;
    return user === undefined || user.scopes.includes('clients:write');
  }
}

@Injectable()
class ClientsTools {
  @RpcFunction({ name: 'rename_client', mcp: { idempotent: true } })
  rename(data: { id: number; name: string }) {
    return { ...data };
  }
}

@Module({
  imports: [WeeRpcModule.forRoot({ path: 'rpc', mcp: true })],
  providers: [ClientsTools, { provide: APP_GUARD, useClass: ScopeGuard }],
})
class BearerAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    consumer.apply(BearerMiddleware).forRoutes('rpc/mcp');
  }
}

describe.each(HTTP_ADAPTERS)('MCP behind a bearer token on %s (docs/mcp.md)', adapter => {
  const live = useLiveApp(adapter, BearerAppModule);
  const url = () => new URL(`http://127.0.0.1:${live.port}/rpc/mcp`);

  it('answers 401 with WWW-Authenticate without a valid token, before the MCP server', async () => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      const answer = await fetch(url(), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(authorization && { authorization }) },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toBe(RESOURCE_METADATA);
      await answer.text();
    }
  });

  it("runs a tool for a token with the scope, and answers the guard's refusal as a tool error for one without", async () => {
    const call = async (token: string) => {
      const client = new Client({ name: 'spec', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(url(), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
      try {
        return await client.callTool({ name: 'rename_client', arguments: { data: { id: 1, name: 'Ada' } } });
      } finally {
        await client.close();
      }
    };
    expect(await call('writer')).toEqual({ content: [{ type: 'text', text: '{"id":1,"name":"Ada"}' }] });
    expect(await call('reader')).toEqual({ isError: true, content: [{ type: 'text', text: 'Forbidden resource' }] });
  });
});
