import { Injectable, Module, type INestApplication, type Type } from '@nestjs/common';
import request from 'supertest';
import { RpcFunction, WeeRpcModule, type WeeRpcModuleOptions } from 'nestjs-weerpc';
import { authApp } from '../fixtures/auth.fixture.js';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, buildTestApp, call, createTestApp, failure, success } from '../support/create-app.js';
import { rpcError, rpcRequest, rpcResult } from '../support/jsonrpc-bodies.js';
import { rawPost } from '../support/raw-http.js';

/** A weeRPC 1.0 request body. */
const legacyCall = (fn: unknown, data?: unknown) => (data === undefined ? { wrpc: 1.0, function: fn } : { wrpc: 1.0, function: fn, data });
const legacy = (ok: boolean, message: string | null, data: unknown = null) => ({ wrpc: 1.0, ok, message, data });

const post = (app: INestApplication, body: unknown, contentType = 'application/json') =>
  rawPost(app, '/rpc', typeof body === 'string' ? body : JSON.stringify(body), { 'Content-Type': contentType });

async function withApp(module: Type, adapter: (typeof ADAPTERS)[number], test: (app: INestApplication) => Promise<void>) {
  const app = await createTestApp(module, { adapter });
  try {
    await test(app);
  } finally {
    await app.close();
  }
}

describe.each(ADAPTERS)('weeRPC 1.0 (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp({ protocols: ['weerpc/1.0'] }), { adapter });
  });
  afterAll(() => app.close());

  it('answers "wrpc":1.0, with its decimal point, as the reference writes it', async () => {
    const res = await post(app, legacyCall('add_numbers', [1, 2, 3]));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"wrpc":1.0,"ok":true,"message":"Function \'add_numbers\' executed successfully","data":6}');
  });

  it('runs the same pipeline as 1.1', async () => {
    expect((await post(app, legacyCall('echo'))).json()).toEqual(legacy(true, null, null));
    expect((await post(app, legacyCall('refuse'))).json()).toEqual(legacy(false, 'Nope.', { reason: 'testing' }));
    expect((await post(app, legacyCall('nothing'))).json()).toEqual(legacy(false, 'Unsuccessful command execution.'));
    expect((await post(app, legacyCall('missing'))).json()).toEqual(legacy(false, 'Invalid function.'));
    expect((await post(app, { wrpc: 1.0, function: 3 })).json()).toEqual(legacy(false, 'Invalid request.'));
    expect((await post(app, '{}')).json()).toEqual(legacy(false, 'Request must not be empty.'));
    expect((await post(app, 'nope')).json()).toEqual(legacy(false, 'Request must be JSON.'));
    const boom = await post(app, legacyCall('boom'));
    expect([boom.status, boom.json()]).toEqual([500, legacy(false, 'Internal server error.')]);
  });

  it.each(['1.1', '"1.0"', '2', 'true', 'null'])('refuses wrpc: %s with Invalid weerpc version.', async version => {
    expect((await post(app, `{"wrpc": ${version}, "function": "echo"}`)).json()).toEqual(legacy(false, 'Invalid weerpc version.'));
  });

  it.each(['1', '1.00', '10e-1'])('accepts wrpc: %s, the same number as 1.0', async version => {
    expect((await post(app, `{"wrpc": ${version}, "function": "echo", "data": 4}`)).json()).toEqual(legacy(true, null, 4));
  });

  it('answers a 1.1 request, which it does not accept, with the version error in the envelope it speaks', async () => {
    expect((await post(app, call('echo', 1))).json()).toEqual(legacy(false, 'Invalid weerpc version.'));
  });
});

describe.each(ADAPTERS)('one endpoint, several protocols (%s)', adapter => {
  it('weerpc/1.1 + weerpc/1.0: each request is answered in its own protocol', async () => {
    await withApp(toolsApp({ protocols: ['weerpc/1.1', 'weerpc/1.0'] }), adapter, async app => {
      expect((await post(app, call('echo', 'new'))).json()).toEqual(success('new'));
      expect((await post(app, legacyCall('echo', 'old'))).json()).toEqual(legacy(true, null, 'old'));
      expect((await post(app, { weerpc: 1.0, function: 'echo' })).json()).toEqual(failure('Invalid weerpc version.'));
    });
  });

  it('weerpc/1.1 + jsonrpc/2.0: envelopes pick the codec; arrays are batches; unparsable bodies get the first', async () => {
    await withApp(toolsApp({ protocols: ['weerpc/1.1', 'jsonrpc/2.0'] }), adapter, async app => {
      expect((await post(app, call('echo', 1))).json()).toEqual(success(1));
      expect((await post(app, rpcRequest('echo', [2], 'j'))).json()).toEqual(rpcResult([2], 'j'));
      expect((await post(app, [rpcRequest('echo', [3], 1)])).json()).toEqual([rpcResult([3], 1)]);
      expect((await post(app, '[]')).json()).toEqual(rpcError(-32600, 'Invalid Request', null));
      expect((await post(app, '{"jsonrpc": "2.0", "method"')).json()).toEqual(failure('Request must be JSON.'));
      expect((await post(app, { function: 'echo' })).json()).toEqual(failure('Invalid weerpc version.'));
      // Both keys: the endpoint's order decides.
      expect((await post(app, { ...call('echo', 'w'), ...rpcRequest('echo', ['j'], 1) })).json()).toEqual(success('w'));
      // weeRPC 1.0 is not accepted here: the weeRPC version error, in the envelope the endpoint speaks.
      expect((await post(app, legacyCall('echo', 1))).json()).toEqual(failure('Invalid weerpc version.'));
    });
  });

  it('jsonrpc/2.0 first: it answers unparsable and keyless bodies', async () => {
    await withApp(toolsApp({ protocols: ['jsonrpc/2.0', 'weerpc/1.1'] }), adapter, async app => {
      expect((await post(app, 'nope')).json()).toEqual(rpcError(-32700, 'Parse error', null));
      expect((await post(app, '{}')).json()).toEqual(rpcError(-32600, 'Invalid Request', null));
      expect((await post(app, { ...call('echo', 'w'), ...rpcRequest('echo', ['j'], 1) })).json()).toEqual(rpcResult(['j'], 1));
      expect((await post(app, call('echo', 'w'))).json()).toEqual(success('w'));
    });
  });

  it('serves one function table and one session to every protocol', async () => {
    await withApp(authApp({ protocols: ['weerpc/1.1', 'weerpc/1.0', 'jsonrpc/2.0'] }), adapter, async app => {
      const agent = request.agent(app.getHttpServer());
      const send = (body: unknown) => agent.post('/rpc').set('Content-Type', 'application/json').send(JSON.stringify(body));
      expect((await send(rpcRequest('secret', [], 1))).body).toEqual(rpcError(-32002, 'Unauthorized.', 1));
      await send(legacyCall('login', {}));
      expect((await send(rpcRequest('secret', [], 1))).body).toEqual(rpcResult('secret', 1));
      expect((await send(call('secret'))).body).toEqual(success('secret'));
    });
  });
});

describe.each(ADAPTERS)('requests in a protocol the endpoint does not accept (%s)', adapter => {
  it('weeRPC 1.1 only (the default): JSON-RPC gets -32006 with its id (null for notifications), arrays weeRPC', async () => {
    await withApp(toolsApp(), adapter, async app => {
      expect((await post(app, rpcRequest('echo', [1], 5))).json()).toEqual(rpcError(-32006, 'JSON-RPC 2.0 is not accepted on this endpoint.', 5));
      expect((await post(app, { jsonrpc: '2.0', method: 1 })).json()).toEqual(
        rpcError(-32006, 'JSON-RPC 2.0 is not accepted on this endpoint.', null),
      );
      const notification = await post(app, rpcRequest('echo', [1]));
      expect([notification.status, notification.json()]).toEqual([200, rpcError(-32006, 'JSON-RPC 2.0 is not accepted on this endpoint.', null)]);
      expect((await post(app, [rpcRequest('echo', [1], 1)])).json()).toEqual(failure('Invalid request.'));
      expect((await post(app, legacyCall('echo', 1))).json()).toEqual(failure('Invalid weerpc version.'));
    });
  });

  it('JSON-RPC 2.0 only: weeRPC requests get the weeRPC version error in their own envelope', async () => {
    await withApp(toolsApp({ protocols: ['jsonrpc/2.0'] }), adapter, async app => {
      expect((await post(app, call('echo', 1))).json()).toEqual(failure('Invalid weerpc version.'));
      expect((await post(app, legacyCall('echo', 1))).json()).toEqual(legacy(false, 'Invalid weerpc version.'));
    });
  });
});

describe.each(ADAPTERS)('protocols per endpoint (%s)', adapter => {
  @Injectable()
  class FeatureService {
    @RpcFunction()
    where() {
      return 'feature';
    }
  }
  @Module({ imports: [WeeRpcModule.forFeature({ path: 'rpc/json', protocols: ['jsonrpc/2.0'] })], providers: [FeatureService] })
  class FeatureModule {}

  it('forFeature takes its own protocols; forRootAsync takes them from a factory', async () => {
    @Injectable()
    class RootService {
      @RpcFunction()
      where() {
        return 'root';
      }
    }
    @Module({
      imports: [WeeRpcModule.forRootAsync({ useFactory: async () => ({ protocols: ['weerpc/1.0' as const] }) }), FeatureModule],
      providers: [RootService],
    })
    class AppModule {}
    await withApp(AppModule, adapter, async app => {
      expect((await post(app, legacyCall('where'))).json()).toEqual(legacy(true, null, 'root'));
      const feature = await rawPost(app, '/rpc/json', JSON.stringify(rpcRequest('where', [], 1)), { 'Content-Type': 'application/json' });
      expect(feature.json()).toEqual(rpcResult('feature', 1));
    });
  });
});

describe.each(ADAPTERS)('protocol options at bootstrap (%s)', adapter => {
  async function expectInitError(options: WeeRpcModuleOptions, message: string, extra: Partial<Record<'providers', Type[]>> = {}) {
    @Module({ imports: [WeeRpcModule.forRoot(options)], providers: extra.providers ?? [] })
    class OptionsModule {}
    const app = await buildTestApp(OptionsModule, { adapter });
    try {
      await expect(app.init()).rejects.toThrow(message);
    } finally {
      await app.close().catch(() => undefined);
    }
  }

  it('refuses an unknown protocol, an empty list and a bad maxBatchSize', async () => {
    await expectInitError(
      { protocols: ['jsonrpc/1.0' as never] },
      'Unknown weeRPC protocol "jsonrpc/1.0" in "protocols"; known: weerpc/1.1, weerpc/1.0, jsonrpc/2.0.',
    );
    await expectInitError({ protocols: [] }, '"protocols" needs at least one protocol.');
    await expectInitError({ maxBatchSize: 0 }, '"maxBatchSize" must be a positive integer, not 0.');
    await expectInitError({ maxBatchSize: 1.5 }, '"maxBatchSize" must be a positive integer, not 1.5.');
  });

  it("refuses function names starting with 'rpc.', reserved by JSON-RPC 2.0", async () => {
    @Injectable()
    class Reserved {
      @RpcFunction('rpc.discover')
      discover() {
        return {};
      }
    }
    await expectInitError({}, "RPC function 'rpc.discover' on Reserved#discover: names starting with 'rpc.' are reserved by JSON-RPC 2.0.", {
      providers: [Reserved],
    });
    await expectInitError(
      { functions: { 'rpc.ping': () => 'pong' } },
      "RPC function 'rpc.ping' on functions.rpc.ping: names starting with 'rpc.' are reserved by JSON-RPC 2.0.",
    );
  });
});
