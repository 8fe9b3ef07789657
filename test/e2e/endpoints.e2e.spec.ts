import { Injectable, Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { EndpointsAppModule } from '../fixtures/endpoints.fixture.js';
import { call, createTestApp, failure, success } from '../utils/create-app.js';

describe('several endpoints (forRoot + forFeature)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(EndpointsAppModule);
  });
  afterAll(() => app.close());

  it.each([
    ['/rpc', 'root'],
    ['/rpc/clients', 'clients'],
  ])('%s serves its own table', async (path, where) => {
    const res = await request(app.getHttpServer()).post(path).send(call('where'));
    expect(res.body).toEqual(success(where));
  });

  it('keeps each table to its own functions', async () => {
    expect((await request(app.getHttpServer()).post('/rpc').send(call('list'))).body).toEqual(failure('Invalid function.'));
    expect((await request(app.getHttpServer()).post('/rpc/clients').send(call('list'))).body).toEqual(success(['Ada', 'Grace']));
  });

  it("applies a feature endpoint's own session rule to it alone", async () => {
    expect((await request(app.getHttpServer()).post('/rpc/admin').send(call('where'))).body).toEqual(failure('Unauthorized.'));
    expect((await request(app.getHttpServer()).post('/rpc').send(call('where'))).body).toEqual(success('root'));
  });

  it('matches the path like the router: any case, trailing slash', async () => {
    expect((await request(app.getHttpServer()).post('/RPC/Clients/').send(call('where'))).body).toEqual(success('clients'));
  });
});

describe('global prefix', () => {
  it('applies to every endpoint', async () => {
    const app = await createTestApp(EndpointsAppModule, { configure: a => a.setGlobalPrefix('api') });
    try {
      expect((await request(app.getHttpServer()).post('/api/rpc').send(call('where'))).body).toEqual(success('root'));
      expect((await request(app.getHttpServer()).post('/api/rpc/clients').send(call('where'))).body).toEqual(success('clients'));
      expect((await request(app.getHttpServer()).post('/rpc').send(call('where'))).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe('one class declared in two modules', () => {
  it('is two providers, each serving its own endpoint', async () => {
    @Injectable()
    class Counter {
      private count = 0;
      @RpcFunction()
      bump() {
        return ++this.count;
      }
    }
    @Module({ imports: [WeeRpcModule.forFeature({ path: 'a' })], providers: [Counter] })
    class AModule {}
    @Module({ imports: [WeeRpcModule.forFeature({ path: 'b' })], providers: [Counter] })
    class BModule {}
    @Module({ imports: [WeeRpcModule.forRoot(), AModule, BModule] })
    class TwoModule {}
    const app = await createTestApp(TwoModule);
    try {
      const server = app.getHttpServer();
      expect((await request(server).post('/a').send(call('bump'))).body).toEqual(success(1));
      expect((await request(server).post('/a').send(call('bump'))).body).toEqual(success(2));
      expect((await request(server).post('/b').send(call('bump'))).body).toEqual(success(1));
      expect((await request(server).post('/rpc').send(call('bump'))).body).toEqual(failure('No functions registered.'));
    } finally {
      await app.close();
    }
  });
});
