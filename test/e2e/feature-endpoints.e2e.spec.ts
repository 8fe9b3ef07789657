import { Injectable, Module, type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { EndpointsAppModule } from '../fixtures/endpoints.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';

describe.each(ADAPTERS)('several endpoints (forRoot + forFeature) on %s', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await createTestApp(EndpointsAppModule, { adapter });
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

  it("matches the path like the adapter's router (Express: any case, trailing slash; Fastify: exact)", async () => {
    const res = await request(app.getHttpServer()).post('/RPC/Clients/').send(call('where'));
    if (adapter === 'express') {
      expect(res.body).toEqual(success('clients'));
    } else {
      expect(res.status).toBe(404);
    }
  });
});

describe.each(ADAPTERS)('global prefix on %s', adapter => {
  it('applies to every endpoint', async () => {
    const app = await createTestApp(EndpointsAppModule, { adapter, configure: a => void a.setGlobalPrefix('api') });
    try {
      expect((await request(app.getHttpServer()).post('/api/rpc').send(call('where'))).body).toEqual(success('root'));
      expect((await request(app.getHttpServer()).post('/api/rpc/clients').send(call('where'))).body).toEqual(success('clients'));
      expect((await request(app.getHttpServer()).post('/rpc').send(call('where'))).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});

describe.each(ADAPTERS)('one class declared in two modules on %s', adapter => {
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
    const app = await createTestApp(TwoModule, { adapter });
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
