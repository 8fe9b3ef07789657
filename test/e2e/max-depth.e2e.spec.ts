import { Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { WeeRpcModule } from 'nestjs-weerpc';
import { DeepService, deepApp } from '../fixtures/deep.fixture.js';
import { PingService } from '../fixtures/ping.fixture.js';
import { ADAPTERS, createTestApp, failure, initError, type AdapterName } from '../support/create-app.js';
import { rpcError } from '../support/jsonrpc-bodies.js';

const arrays = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const objects = (levels: number) => '{"child":'.repeat(levels) + '{}' + '}'.repeat(levels);
const weeRpcCall = (fn: string, data: string) => `{"weerpc":1.1,"function":"${fn}","data":${data}}`;
const jsonRpcCall = (method: string, params: string, id = 1) => `{"jsonrpc":"2.0","method":"${method}","params":${params},"id":${id}}`;

/** The bootstrap error of a root endpoint with `options`. */
function optionsError(options: object, adapter: AdapterName): Promise<Error> {
  @Module({ imports: [WeeRpcModule.forRoot(options)], providers: [PingService] })
  class BadOptionsModule {}
  return initError(BadOptionsModule, adapter);
}

describe.each(ADAPTERS)('maxDepth: nesting limits (%s)', adapter => {
  let app: INestApplication;
  let service: DeepService;
  const post = (body: string) => request(app.getHttpServer()).post('/rpc').set('Content-Type', 'application/json').send(body);

  beforeAll(async () => {
    app = await createTestApp(deepApp(), { adapter, session: false });
    service = app.get(DeepService);
  });
  afterAll(() => app.close());
  beforeEach(() => (service.calls = 0));

  it('serves a body of exactly 512 levels (data of 511 under the envelope)', async () => {
    const data = arrays(511);
    const res = await post(weeRpcCall('echo', data));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body.data)).toBe(data);
    const tree = await post(weeRpcCall('tree', objects(510)));
    expect(tree.body).toEqual({ weerpc: 1.1, ok: true, message: null, data: true });
    const params = await post(jsonRpcCall('echo', arrays(511)));
    expect(JSON.stringify(params.body.result)).toBe(arrays(511));
  });

  it.each([
    ['513 levels of data', weeRpcCall('echo', arrays(512))],
    ['10 000 levels of data', weeRpcCall('echo', arrays(10_000))],
    ['10 000 levels of a DTO', weeRpcCall('tree', objects(10_000))],
    ['10 000 levels of objects as the whole body', objects(10_000)],
    ['10 000 levels as the function name', `{"weerpc":1.1,"function":${arrays(10_000)}}`],
  ])('answers %s with weeRPC Invalid request., before any function runs', async (_name, body) => {
    const res = await post(body);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: failure('Invalid request.') });
    expect(service.calls).toBe(0);
  });

  it.each([
    ['513 levels of params', jsonRpcCall('echo', arrays(512))],
    ['10 000 levels of params', jsonRpcCall('echo', arrays(10_000))],
    ['10 000 levels of a DTO', jsonRpcCall('tree', `[${objects(10_000)}]`)],
    ['a batch with one deep element', `[${jsonRpcCall('echo', '[1]')},${jsonRpcCall('echo', arrays(10_000), 2)}]`],
  ])('answers %s with JSON-RPC -32600 and a null id, before any function runs', async (_name, body) => {
    const res = await post(body);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: rpcError(-32600, 'Invalid Request', null) });
    expect(service.calls).toBe(0);
  });

  it('does not count brackets inside strings', async () => {
    const text = '['.repeat(10_000);
    const res = await post(weeRpcCall('echo', JSON.stringify(text)));
    expect(res.body.data).toBe(text);
  });

  it('applies a custom maxDepth', async () => {
    const small = await createTestApp(deepApp({ maxDepth: 3 }), { adapter, session: false });
    try {
      const send = (body: string) => request(small.getHttpServer()).post('/rpc').set('Content-Type', 'application/json').send(body);
      expect((await send(weeRpcCall('echo', '[[1]]'))).body.data).toEqual([[1]]);
      expect((await send(weeRpcCall('echo', '[[[1]]]'))).body).toEqual(failure('Invalid request.'));
      expect((await send(jsonRpcCall('echo', '[{"a":[1]}]'))).body).toEqual(rpcError(-32600, 'Invalid Request', null));
    } finally {
      await small.close();
    }
  });

  it.each([[0], [-1], [1.5], ['512'], [Number.POSITIVE_INFINITY]])('refuses maxDepth %j at bootstrap', async maxDepth => {
    expect((await optionsError({ maxDepth }, adapter)).message).toBe(
      `"maxDepth" must be a positive integer (levels of nesting), not ${String(maxDepth)}.`,
    );
  });
});
