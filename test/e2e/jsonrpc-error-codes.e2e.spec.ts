import { Inject, Injectable, Module, Scope, type INestApplication } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, REQUEST } from '@nestjs/core';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { authApp, loggedIn } from '../fixtures/auth.fixture.js';
import { CountingGuard, CountingInterceptor, EnhancedService, RolesGuard, seen } from '../fixtures/enhancers.fixture.js';
import { specExamplesApp } from '../fixtures/jsonrpc.fixture.js';
import { toolsApp } from '../fixtures/tools.fixture.js';
import { ADAPTERS, createTestApp } from '../support/create-app.js';
import { rpcError, rpcRequest, rpcResult } from '../support/jsonrpc-bodies.js';

const JSONRPC = { protocols: ['jsonrpc/2.0' as const] };

const post = (app: INestApplication, body: unknown, headers: Record<string, string> = {}) =>
  request(app.getHttpServer())
    .post('/rpc')
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(typeof body === 'string' ? body : JSON.stringify(body));

describe.each(ADAPTERS)('JSON-RPC 2.0 requests and outcomes (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(toolsApp(JSONRPC), { adapter });
  });
  afterAll(() => app.close());

  it.each([['abc'], [7], [-3], [1.5], [null], ['']])('echoes the id %j', async id => {
    const res = await post(app, rpcRequest('echo', ['x'], id));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(rpcResult(['x'], id));
  });

  it.each([[{ a: 1 }], [[1]], [true]])('refuses the id %j as an Invalid Request with a null id', async id => {
    expect((await post(app, rpcRequest('echo', [1], id))).body).toEqual(rpcError(-32600, 'Invalid Request', null));
  });

  it('hands positional and named params to the function as its data, and no params as null', async () => {
    expect((await post(app, rpcRequest('echo', [1, 'two'], 1))).body).toEqual(rpcResult([1, 'two'], 1));
    expect((await post(app, rpcRequest('echo', { a: [1] }, 2))).body).toEqual(rpcResult({ a: [1] }, 2));
    expect((await post(app, rpcRequest('echo', undefined, 3))).body).toEqual(rpcResult(null, 3));
    expect((await post(app, rpcRequest('find_client', { id: 7 }, 4))).body.error.message).toBe('Client 7 not found');
  });

  it.each([['"bar"'], ['5'], ['null'], ['true']])('refuses params %s, echoing the id', async params => {
    const res = await post(app, `{"jsonrpc":"2.0","method":"echo","params":${params},"id":9}`);
    expect(res.body).toEqual(rpcError(-32600, 'Invalid Request', 9));
  });

  it.each([['"1.0"'], ['2.0'], ['"2"']])('refuses jsonrpc %s as an Invalid Request', async version => {
    const res = await post(app, `{"jsonrpc":${version},"method":"echo","id":1}`);
    expect(res.body).toEqual(rpcError(-32600, 'Invalid Request', 1));
  });

  it('refuses a body without the jsonrpc member, and scalars, as Invalid Requests', async () => {
    expect((await post(app, { method: 'echo', id: 1 })).body).toEqual(rpcError(-32600, 'Invalid Request', 1));
    for (const body of ['0', 'null', '"x"', 'false', '{}']) {
      expect((await post(app, body)).body).toEqual(rpcError(-32600, 'Invalid Request', null));
    }
  });

  it('answers a non-JSON Content-Type and an empty body with a Parse error', async () => {
    const res = await post(app, rpcRequest('echo', [1], 1), { 'Content-Type': 'text/plain' });
    expect(res.body).toEqual(rpcError(-32700, 'Parse error', null));
    expect((await post(app, '')).body).toEqual(rpcError(-32700, 'Parse error', null));
  });

  it.each(['rpc.discover', 'constructor', '__proto__', 'ECHO'])('answers %s with Method not found', async method => {
    expect((await post(app, rpcRequest(method, [], 'm'))).body).toEqual(rpcError(-32601, 'Method not found', 'm'));
  });

  describe('the error-code table', () => {
    it('-32000: RpcResponse.fail(message, data)', async () => {
      expect((await post(app, rpcRequest('refuse', [], 1))).body).toEqual(rpcError(-32000, 'Nope.', 1, { reason: 'testing' }));
    });

    it('-32001: the function returned nothing', async () => {
      expect((await post(app, rpcRequest('nothing', [], 1))).body).toEqual(rpcError(-32001, 'Unsuccessful command execution.', 1));
    });

    it('-32003: a thrown HttpException, with its HTTP status as data', async () => {
      const res = await post(app, rpcRequest('find_client', { id: 7 }, 1));
      expect(res.body).toEqual(rpcError(-32003, 'Client 7 not found', 1, { status: 404 }));
    });

    it('-32603: an unexpected exception, HTTP 200, no detail', async () => {
      const res = await post(app, rpcRequest('boom', [], 1));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(rpcError(-32603, 'Internal error', 1));
      expect(res.text).not.toContain('secret');
    });

    it('-32603: an unserializable result', async () => {
      const res = await post(app, rpcRequest('unserializable', [], 'u'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(rpcError(-32603, 'Internal error', 'u'));
    });

    it("drops a success's message: JSON-RPC has no place for it", async () => {
      expect((await post(app, rpcRequest('add_numbers', [1, 2, 3], 1))).body).toEqual(rpcResult(6, 1));
    });

    it('awaits promises; collects the items of an Observable into an array', async () => {
      const res = await post(app, [rpcRequest('later', { n: 1 }, 1), rpcRequest('stream', [3], 2)]);
      expect(res.body).toEqual([rpcResult({ n: 1 }, 1), rpcResult([[3]], 2)]);
    });
  });

  describe('batches', () => {
    it('fails only the element whose result cannot be serialized', async () => {
      const res = await post(app, [rpcRequest('unserializable', [], 1), rpcRequest('echo', 'x', 2), rpcRequest('echo', ['y'], 3)]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([rpcError(-32603, 'Internal error', 1), rpcError(-32600, 'Invalid Request', 2), rpcResult(['y'], 3)]);
    });

    it('answers 100 calls (the default maxBatchSize) and refuses 101 with one Invalid Request', async () => {
      const calls = Array.from({ length: 101 }, (_, index) => rpcRequest('echo', [index], index));
      const hundred = await post(app, calls.slice(0, 100));
      expect(hundred.body).toHaveLength(100);
      expect(hundred.body[99]).toEqual(rpcResult([99], 99));
      const tooMany = await post(app, calls);
      expect(tooMany.body).toEqual(rpcError(-32600, 'Invalid Request', null, { maxBatchSize: 100 }));
    });

    it('answers a batch of notifications with 204 even when they fail', async () => {
      const res = await post(app, [rpcRequest('boom', []), rpcRequest('missing_method'), rpcRequest('nothing')]);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
    });
  });
});

describe.each(ADAPTERS)('JSON-RPC 2.0 endpoint options (%s)', adapter => {
  it('applies a custom maxBatchSize', async () => {
    const app = await createTestApp(toolsApp({ ...JSONRPC, maxBatchSize: 2 }), { adapter });
    try {
      const two = await post(app, [rpcRequest('echo', [1], 1), rpcRequest('echo', [2], 2)]);
      expect(two.body).toEqual([rpcResult([1], 1), rpcResult([2], 2)]);
      const three = await post(app, [rpcRequest('echo', [1], 1), rpcRequest('echo', [2], 2), rpcRequest('echo', [3])]);
      expect(three.body).toEqual(rpcError(-32600, 'Invalid Request', null, { maxBatchSize: 2 }));
    } finally {
      await app.close();
    }
  });

  it('-32005: a body over bodyLimit is HTTP 413', async () => {
    const app = await createTestApp(toolsApp({ ...JSONRPC, bodyLimit: 64 }), { adapter });
    try {
      const res = await post(app, rpcRequest('echo', ['x'.repeat(200)], 1));
      expect(res.status).toBe(413);
      expect(res.body).toEqual(rpcError(-32005, 'Request too large.', null));
    } finally {
      await app.close();
    }
  });

  it('-32004: an endpoint without functions, answered per call', async () => {
    @Module({ imports: [WeeRpcModule.forRoot(JSONRPC)] })
    class EmptyModule {}
    const app = await createTestApp(EmptyModule, { adapter });
    try {
      expect((await post(app, rpcRequest('x', [], 3))).body).toEqual(rpcError(-32004, 'No functions registered.', 3));
      expect((await post(app, 'garbage')).body).toEqual(rpcError(-32004, 'No functions registered.', null));
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('JSON-RPC 2.0 with session and host auth, per call (%s)', adapter => {
  it('checks function auth for each call of a batch', async () => {
    const app = await createTestApp(authApp(JSONRPC), { adapter });
    try {
      const agent = request.agent(app.getHttpServer());
      const batch = (calls: unknown[], host?: string) => {
        const req = agent.post('/rpc').set('Content-Type', 'application/json');
        return (host ? req.set('Host', host) : req).send(JSON.stringify(calls));
      };
      const calls = [rpcRequest('open', [], 1), rpcRequest('secret', [], 2), rpcRequest('admin_only', [], 3), rpcRequest('secret', [])];
      expect((await batch(calls)).body).toEqual([rpcResult('open', 1), rpcError(-32002, 'Unauthorized.', 2), rpcError(-32002, 'Unauthorized.', 3)]);
      await batch([rpcRequest('login', { user_type: 'user' }, 'login')]);
      expect((await batch(calls)).body).toEqual([rpcResult('open', 1), rpcResult('secret', 2), rpcError(-32002, 'Unauthorized.', 3)]);
      const hosts = await batch([rpcRequest('local_only', [], 1)], 'elsewhere.test');
      expect(hosts.body).toEqual([rpcError(-32002, 'Unauthorized (elsewhere.test)', 1)]);
    } finally {
      await app.close();
    }
  });

  it('denies every call of a request that fails endpoint auth, before parsing, with the callers ids', async () => {
    const app = await createTestApp(authApp({ ...JSONRPC, sessionAuth: loggedIn }), { adapter });
    try {
      const single = await post(app, rpcRequest('open', [], 'a'));
      expect(single.body).toEqual(rpcError(-32002, 'Unauthorized.', 'a'));
      const batch = await post(app, [rpcRequest('open', [], 1), rpcRequest('nope', [], 2), rpcRequest('open', [])]);
      expect(batch.body).toEqual([rpcError(-32002, 'Unauthorized.', 1), rpcError(-32002, 'Unauthorized.', 2)]);
      // Auth answers before the body is judged: a parse error or a bad Content-Type is not revealed.
      expect((await post(app, '{"jsonrpc": "2.0", "method"')).body).toEqual(rpcError(-32002, 'Unauthorized.', null));
      expect((await post(app, 'x', { 'Content-Type': 'text/plain' })).body).toEqual(rpcError(-32002, 'Unauthorized.', null));
      // A notification is never answered, not even with a denial.
      expect((await post(app, rpcRequest('open', []))).status).toBe(204);
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('JSON-RPC 2.0 with guards, interceptors, pipes and filters (%s)', adapter => {
  @Module({
    imports: [WeeRpcModule.forRoot(JSONRPC)],
    providers: [
      EnhancedService,
      { provide: APP_GUARD, useClass: CountingGuard },
      { provide: APP_GUARD, useClass: RolesGuard },
      { provide: APP_INTERCEPTOR, useClass: CountingInterceptor },
    ],
  })
  class EnhancedJsonRpcModule {}

  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(EnhancedJsonRpcModule, { adapter });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    seen.guard.length = 0;
    seen.interceptor.length = 0;
    seen.rpc.length = 0;
  });

  it('runs the enhancers once per call of a batch, each around its own method', async () => {
    const res = await post(app, [
      rpcRequest('plain', [1], 1),
      rpcRequest('denied', [], 2),
      rpcRequest('tagged', [], 3),
      rpcRequest('admin', [], 4),
      rpcRequest('missing', [7], 5),
    ]);
    expect(res.body).toEqual([
      rpcResult({ class: [1] }, 1),
      rpcError(-32003, 'Forbidden resource', 2, { status: 403 }),
      rpcResult({ class: { method: 'value' } }, 3),
      rpcError(-32003, 'Forbidden resource', 4, { status: 403 }),
      rpcError(-32000, 'Filtered: Client 7 not found', 5, { code: 404 }),
    ]);
    expect([...seen.guard].sort()).toEqual([
      'EnhancedService#admin',
      'EnhancedService#denied',
      'EnhancedService#missing',
      'EnhancedService#plain',
      'EnhancedService#tagged',
    ]);
    expect([...seen.interceptor].sort()).toEqual(['missing', 'plain', 'tagged']);
  });

  it("tells guards the call's protocol through getRpcContext()", async () => {
    await post(app, rpcRequest('plain', { a: 1 }, 1));
    expect(seen.rpc).toEqual([{ functionName: 'plain', endpointPath: '/rpc', data: { a: 1 }, protocol: 'jsonrpc/2.0' }]);
  });

  it('-32602: a ValidationPipe failure is Invalid params, with the constraint messages as data', async () => {
    const res = await post(app, [
      rpcRequest('create', { name: '', email: 'nope' }, 1),
      rpcRequest('create', { name: 'Ada', email: 'ada@example.com' }, 2),
    ]);
    expect(res.body[0]).toEqual(
      rpcError(-32602, 'Invalid params', 1, expect.arrayContaining(['name must be longer than or equal to 1 characters', 'email must be an email'])),
    );
    expect(res.body[1]).toEqual(rpcResult({ class: { isDto: true, described: 'Ada <ada@example.com>' } }, 2));
  });

  it('a parameter pipe or a guard that throws is -32003 with the exception status', async () => {
    expect((await post(app, rpcRequest('double', { n: 'abc' }, 1))).body).toEqual(
      rpcError(-32003, 'Validation failed (numeric string is expected)', 1, { status: 400 }),
    );
    expect((await post(app, rpcRequest('whoami', [], 2))).body).toEqual(rpcError(-32003, 'Invalid token.', 2, { status: 401 }));
  });
});

describe.each(ADAPTERS)('JSON-RPC 2.0 batch concurrency (%s)', adapter => {
  it('runs the calls of a batch concurrently, each answer with its own id', async () => {
    const app = await createTestApp(specExamplesApp(), { adapter });
    try {
      const res = await post(app, [rpcRequest('meet', [], 'first'), rpcRequest('meet', [], 'second')]);
      expect(res.body).toEqual([rpcResult('met', 'first'), rpcResult('met', 'second')]);
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('JSON-RPC 2.0 batches and request-scoped providers (%s)', adapter => {
  let created = 0;

  @Injectable({ scope: Scope.REQUEST })
  class ScopedCounter {
    readonly instance = ++created;
    constructor(@Inject(REQUEST) readonly request: { headers: Record<string, string> }) {}
  }

  @Injectable()
  class ScopedService {
    constructor(private readonly counter: ScopedCounter) {}
    @RpcFunction()
    scoped() {
      return { instance: this.counter.instance, caller: this.counter.request.headers['x-caller'] };
    }
  }

  @Module({ imports: [WeeRpcModule.forRoot(JSONRPC)], providers: [ScopedCounter, ScopedService] })
  class ScopedModule {}

  it('gives the calls of one batch one request scope, and the next request a new one', async () => {
    const app = await createTestApp(ScopedModule, { adapter });
    try {
      const batch = [rpcRequest('scoped', [], 1), rpcRequest('scoped', [], 2)];
      const first = await post(app, batch, { 'X-Caller': 'ada' });
      const [one, two] = first.body;
      expect(one.result).toEqual({ instance: expect.any(Number), caller: 'ada' });
      expect(two.result).toEqual(one.result);
      const next = await post(app, batch, { 'X-Caller': 'bob' });
      expect(next.body[0].result.instance).not.toBe(one.result.instance);
      expect(next.body[1].result).toEqual(next.body[0].result);
    } finally {
      await app.close();
    }
  });
});
