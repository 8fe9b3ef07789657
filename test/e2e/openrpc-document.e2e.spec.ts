import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { IsString, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import request from 'supertest';
import { getOpenRpcDocuments, RpcAuthSessionKey, RpcData, RpcFunction, WeeRpcModule, type OpenRpcDocument } from 'nestjs-weerpc';
import { openRpcApp, SECRET_HOST, SECRET_ROLE } from '../fixtures/openrpc.fixture.js';
import { ADAPTERS, buildTestApp, call, createTestApp, failure } from '../support/create-app.js';
import { openRpcToolingErrors } from '../support/openrpc-validator.js';
import { baseUrl } from '../support/raw-http.js';

const discover = (id: number | string = 1) => ({ jsonrpc: '2.0', method: 'rpc.discover', id });

/** The document for no request in particular (`getOpenRpcDocuments`, `rpc.discover`): the served one on the unknown origin. */
const withoutOrigin = (document: OpenRpcDocument): OpenRpcDocument => ({
  ...document,
  servers: document.servers.map(server => ({ ...server, url: new URL(new URL(server.url).pathname, 'http://origin.invalid').href })),
});

describe.each(ADAPTERS)('the OpenRPC document of an endpoint on %s', adapter => {
  describe('discovery on', () => {
    let app: INestApplication;
    let document: OpenRpcDocument;
    beforeAll(async () => {
      app = await createTestApp(openRpcApp({ discovery: { title: 'Shop', version: '2.1.0' } }), { adapter });
      const res = await request(app.getHttpServer()).get('/rpc/openrpc.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      document = JSON.parse(res.text) as OpenRpcDocument;
    });
    afterAll(() => app.close());

    it("passes OpenRPC's own validator (schema-utils-js, formats checked), served and without an origin", async () => {
      expect(await openRpcToolingErrors(document)).toEqual([]);
      expect(await openRpcToolingErrors(getOpenRpcDocuments(app)['/rpc'])).toEqual([]);
      expect(document.openrpc).toBe('1.3.2');
      expect(document.info).toEqual({ title: 'Shop', version: '2.1.0' });
      expect(document.servers).toEqual([{ name: '/rpc', url: `${baseUrl(app)}/rpc` }]);
    });

    it('has one method per function, in the table order, plain functions included', () => {
      expect(document.methods.map(method => method.name)).toEqual(['place_order', 'sum', 'echo', 'history', 'staff_only', 'twice']);
    });

    it('turns the @RpcData() DTO into by-name params: nested DTOs, arrays, enums, optional, lengths', () => {
      const method = document.methods.find(candidate => candidate.name === 'place_order')!;
      expect(method.summary).toBe('Places an order.');
      expect(method.description).toBe('Counts the lines.');
      expect(method.paramStructure).toBe('by-name');
      expect(method.params).toEqual([
        { name: 'customer', required: true, schema: { type: 'string', minLength: 2, maxLength: 40 } },
        { name: 'wrapping', required: false, schema: { type: 'string', enum: ['red', 'green'] } },
        { name: 'lines', required: true, schema: { type: 'array', maxItems: 10, items: { $ref: '#/components/schemas/LineDto' } } },
      ]);
      expect(method['x-weerpc-data']).toEqual({ $ref: '#/components/schemas/OrderDto' });
      expect(method.result).toEqual({ name: 'result', schema: { $ref: '#/components/schemas/ReceiptDto' } });
      expect(document.components.schemas.LineDto).toEqual({
        type: 'object',
        properties: { sku: { type: 'string', minLength: 1, maxLength: 20 }, quantity: { type: 'integer', minimum: 1, maximum: 99 } },
        required: ['sku', 'quantity'],
      });
      expect(Object.keys(document.components.schemas).sort()).toEqual(['LineDto', 'OrderDto', 'ReceiptDto']);
    });

    it('describes data that is not an object as one by-position param, and open data as {}', () => {
      const byName = Object.fromEntries(document.methods.map(method => [method.name, method]));
      expect(byName.sum.paramStructure).toBe('by-position');
      expect(byName.sum.params).toEqual([{ name: 'data', required: true, schema: { type: 'array', items: { type: 'number' } } }]);
      expect(byName.sum.result.schema).toEqual({ type: 'number' });
      expect(byName.echo.params).toEqual([{ name: 'data', required: false, schema: {} }]);
      expect(byName.echo.result.schema).toEqual({});
      expect(byName.twice.params).toEqual([{ name: 'data', required: false, schema: {} }]);
      expect(byName.history.params).toEqual([]);
      expect(byName.history['x-weerpc-data']).toBeUndefined();
      expect(byName.history.result.schema).toEqual({ type: 'array', items: { $ref: '#/components/schemas/ReceiptDto' } });
    });

    it('lists the errors of the protocol table, Unauthorized only where a rule guards', () => {
      const byName = Object.fromEntries(document.methods.map(method => [method.name, method]));
      const codes = (name: string) => byName[name].errors.map(error => error.code);
      expect(codes('echo')).toEqual([-32000, -32001, -32003, -32602, -32603]);
      expect(codes('staff_only')).toEqual([-32000, -32001, -32002, -32003, -32602, -32603]);
      expect(byName.echo.errors).toContainEqual({ code: -32602, message: 'Invalid params' });
    });

    it('names the rules that guard a function, never their values', () => {
      const method = document.methods.find(candidate => candidate.name === 'staff_only')!;
      expect(method['x-weerpc-session-auth']).toEqual(['role']);
      expect(method['x-weerpc-host-auth']).toBe(true);
      const text = JSON.stringify(document);
      expect(text).not.toContain(SECRET_ROLE);
      expect(text).not.toContain(SECRET_HOST);
    });

    it('answers the same document to JSON-RPC rpc.discover, alone and in a batch, its server on the unknown origin', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').send(discover(7));
      expect(res.body).toEqual({ jsonrpc: '2.0', result: withoutOrigin(document), id: 7 });
      expect(res.body.result.servers).toEqual([{ name: '/rpc', url: 'http://origin.invalid/rpc' }]);
      const batch = await request(app.getHttpServer())
        .post('/rpc')
        .send([discover(1), { jsonrpc: '2.0', method: 'sum', params: [1, 2], id: 2 }]);
      expect(batch.body).toEqual([
        { jsonrpc: '2.0', result: withoutOrigin(document), id: 1 },
        { jsonrpc: '2.0', result: 3, id: 2 },
      ]);
    });

    it('serves the explorer page, its script and the browser client, all from the endpoint', async () => {
      const server = app.getHttpServer();
      const page = await request(server).get('/rpc/explorer');
      expect([page.status, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
      expect(page.text).toContain('<script type="module" src="/rpc/explorer/explorer.js"></script>');
      // The page calls its endpoint by path, on its own origin: no URL in it, not even the document's server.
      expect(page.text).toContain('<main id="methods" data-endpoint="/rpc">');
      expect(page.text).not.toMatch(/https?:\/\//);
      for (const script of ['/rpc/explorer/explorer.js', '/rpc/explorer/client/index.js', '/rpc/explorer/client/weerpc-client.js']) {
        const res = await request(server).get(script);
        expect([script, res.status, res.headers['content-type']]).toEqual([script, 200, 'text/javascript; charset=utf-8']);
      }
    });

    it('is the document getOpenRpcDocuments() returns, its server on the unknown origin', () => {
      expect(getOpenRpcDocuments(app)).toEqual({ '/rpc': withoutOrigin(document) });
    });
  });

  describe('behind endpoint-wide rules', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(
        openRpcApp({ discovery: true, sessionAuth: new RpcAuthSessionKey('logged_in', [true]), hostAuth: ['allowed.test'] }),
        { adapter },
      );
    });
    afterAll(() => app.close());

    it('answers a refused GET exactly as a refused call, never the document', async () => {
      const server = app.getHttpServer();
      const refusedCall = await request(server).post('/rpc').set('Host', 'allowed.test').send(call('echo', 1));
      expect(refusedCall.body).toEqual(failure('Unauthorized.'));
      for (const route of ['/rpc/openrpc.json', '/rpc/explorer']) {
        const res = await request(server).get(route).set('Host', 'allowed.test');
        expect([res.status, res.headers['content-type'], res.text]).toEqual([
          refusedCall.status,
          refusedCall.headers['content-type'],
          refusedCall.text,
        ]);
      }
      const discovered = await request(server).post('/rpc').set('Host', 'allowed.test').send(discover());
      expect(discovered.body).toEqual({ jsonrpc: '2.0', error: { code: -32002, message: 'Unauthorized.' }, id: 1 });
    });

    it('states the endpoint-wide rules once, on the document', async () => {
      const document = getOpenRpcDocuments(app)['/rpc'];
      expect(document['x-weerpc-session-auth']).toEqual(['logged_in']);
      expect(document['x-weerpc-host-auth']).toBe(true);
      expect(JSON.stringify(document)).not.toContain('allowed.test');
      expect(await openRpcToolingErrors(document)).toEqual([]);
    });
  });

  describe('discovery off (the default)', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(openRpcApp({}), { adapter });
    });
    afterAll(() => app.close());

    it('answers rpc.discover "Method not found" and 404s both GET routes', async () => {
      const server = app.getHttpServer();
      expect((await request(server).post('/rpc').send(discover())).body).toEqual({
        jsonrpc: '2.0',
        error: { code: -32601, message: 'Method not found' },
        id: 1,
      });
      expect((await request(server).post('/rpc').send(call('rpc.discover'))).body).toEqual(failure('Invalid function.'));
      expect((await request(server).get('/rpc/openrpc.json')).status).toBe(404);
      expect((await request(server).get('/rpc/explorer')).status).toBe(404);
      expect(getOpenRpcDocuments(app)).toEqual({});
    });
  });

  it('serves under the global prefix', async () => {
    const app = await createTestApp(openRpcApp({ discovery: true }), { adapter, configure: nest => void nest.setGlobalPrefix('api') });
    try {
      const res = await request(app.getHttpServer()).get('/api/rpc/openrpc.json');
      expect(res.status).toBe(200);
      expect(res.body.servers).toEqual([{ name: '/api/rpc', url: `${baseUrl(app)}/api/rpc` }]);
      expect(getOpenRpcDocuments(app)['/api/rpc'].servers).toEqual([{ name: '/api/rpc', url: 'http://origin.invalid/api/rpc' }]);
    } finally {
      await app.close();
    }
  });
});

class NoMetadataDto {
  name!: string;
}

@ValidatorConstraint({ name: 'anything' })
class Anything implements ValidatorConstraintInterface {
  validate(): boolean {
    return true;
  }
}

class UntypedPropertyDto {
  @IsString()
  name!: string;

  /** Only a custom check on an `unknown`: class-validator-jsonschema cannot say what it holds. */
  @Validate(Anything)
  odd!: unknown;
}

/** A one-function app whose bootstrap must fail. */
function failingApp(decorate: (target: object, key: string, descriptor: PropertyDescriptor) => void, withDto?: Function) {
  @Injectable()
  class BrokenService {
    run(data: unknown) {
      return data;
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(BrokenService.prototype, 'run')!;
  if (withDto) {
    Reflect.defineMetadata('design:paramtypes', [withDto], BrokenService.prototype, 'run');
    RpcData()(BrokenService.prototype, 'run', 0);
  }
  decorate(BrokenService.prototype, 'run', descriptor);
  @Module({ imports: [WeeRpcModule.forRoot({ discovery: true })], providers: [BrokenService] })
  class BrokenModule {}
  return BrokenModule;
}

describe('bootstrap errors of the document', () => {
  const initError = async (module: object) => {
    const app = await buildTestApp(module, { session: false });
    try {
      await app.init();
      return undefined;
    } catch (error) {
      return (error as Error).message;
    } finally {
      await app.close().catch(() => undefined);
    }
  };

  it.each([
    ['a string', 'number'],
    ['two classes', [NoMetadataDto, NoMetadataDto]],
    ['a class instance', new NoMetadataDto()],
    ['a schema with an unknown type', { type: 'text' }],
  ])('refuses a bad result (%s), naming Class#method', async (_label, result) => {
    const message = await initError(failingApp(RpcFunction({ name: 'run', result: result as never }) as never));
    expect(message).toBe('@RpcFunction on BrokenService#run: "result" must be a DTO class, [DtoClass] or a JSON Schema object.');
  });

  it('refuses a result class without class-validator metadata', async () => {
    const message = await initError(failingApp(RpcFunction({ name: 'run', result: NoMetadataDto }) as never));
    expect(message).toContain('@RpcFunction on BrokenService#run: the class NoMetadataDto has no class-validator metadata');
  });

  it('refuses a @RpcData() DTO class-validator-jsonschema cannot describe', async () => {
    expect(await initError(failingApp(RpcFunction('run') as never, NoMetadataDto))).toContain(
      '@RpcFunction on BrokenService#run: the class NoMetadataDto has no class-validator metadata',
    );
  });

  it('refuses a DTO property whose validators say nothing of its type', async () => {
    expect(await initError(failingApp(RpcFunction('run') as never, UntypedPropertyDto))).toContain(
      '@RpcFunction on BrokenService#run: UntypedPropertyDto.odd has no JSON Schema',
    );
  });

  it('builds nothing and refuses nothing with discovery off', async () => {
    @Injectable()
    class Loose {
      @RpcFunction({ name: 'run', result: NoMetadataDto })
      run() {
        return 1;
      }
    }
    @Module({ imports: [WeeRpcModule.forRoot({})], providers: [Loose] })
    class LooseModule {}
    expect(await initError(LooseModule)).toBeUndefined();
  });
});
