import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { getOpenRpcDocuments, type OpenRpcDocument } from 'nestjs-weerpc';
import { openRpcApp } from '../fixtures/openrpc.fixture.js';
import { ADAPTERS, createTestApp, type AdapterName } from '../support/create-app.js';
import { openRpcToolingErrors } from '../support/openrpc-validator.js';
import { baseUrl } from '../support/raw-http.js';

const PLACEHOLDER = 'http://origin.invalid/rpc';

/** The app behind a proxy it trusts: Express's `trust proxy`, Fastify's `trustProxy`. */
async function trustingProxy(adapter: AdapterName): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [openRpcApp({ discovery: true })] }).compile();
  if (adapter === 'fastify') {
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter({ trustProxy: true }), { logger: false });
    await app.listen(0, '127.0.0.1');
    return app;
  }
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  app.set('trust proxy', true);
  await app.listen(0, '127.0.0.1');
  return app;
}

describe.each(ADAPTERS)('the server URL of the OpenRPC document on %s', adapter => {
  describe('a direct caller', () => {
    let app: INestApplication;
    /** The served document's servers; the document must pass OpenRPC's validator whatever the Host. */
    const serverOf = async (headers: Record<string, string> = {}) => {
      const res = await request(app.getHttpServer()).get('/rpc/openrpc.json').set(headers);
      expect(res.status).toBe(200);
      const document = JSON.parse(res.text) as OpenRpcDocument;
      expect(await openRpcToolingErrors(document)).toEqual([]);
      return document.servers;
    };
    beforeAll(async () => {
      app = await createTestApp(openRpcApp({ discovery: true }), { adapter, session: false });
    });
    afterAll(() => app.close());

    it('is the endpoint on the origin the document was asked from', async () => {
      expect(await serverOf()).toEqual([{ name: '/rpc', url: `${baseUrl(app)}/rpc` }]);
      expect(await serverOf({ Host: 'API.Example.test:8443' })).toEqual([{ name: '/rpc', url: 'http://api.example.test:8443/rpc' }]);
      expect(await serverOf({ Host: '[::1]:3000' })).toEqual([{ name: '/rpc', url: 'http://[::1]:3000/rpc' }]);
    });

    it('ignores forwarded headers the app does not trust', async () => {
      const servers = await serverOf({ Host: 'direct.test', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'forged.test' });
      expect(servers).toEqual([{ name: '/rpc', url: 'http://direct.test/rpc' }]);
    });

    it.each(['evil.test/path', 'user@evil.test', 'evil.test?x', 'evil.test#x', 'two words', 'bad"quote'])(
      'writes the unknown origin, never the Host %j, when it is not a bare host',
      async host => {
        expect(await serverOf({ Host: host })).toEqual([{ name: '/rpc', url: PLACEHOLDER }]);
      },
    );

    it('leaves the document of no request (getOpenRpcDocuments) on the unknown origin', async () => {
      await serverOf({ Host: 'api.example.test' });
      expect(getOpenRpcDocuments(app)['/rpc'].servers).toEqual([{ name: '/rpc', url: PLACEHOLDER }]);
    });
  });

  describe('behind a trusted proxy', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await trustingProxy(adapter);
    });
    afterAll(() => app.close());

    it("is on the proxy's protocol and host, as the framework reads them", async () => {
      const res = await request(app.getHttpServer())
        .get('/rpc/openrpc.json')
        .set({ Host: 'internal:3000', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'public.example.test' });
      const document = JSON.parse(res.text) as OpenRpcDocument;
      expect(document.servers).toEqual([{ name: '/rpc', url: 'https://public.example.test/rpc' }]);
      expect(await openRpcToolingErrors(document)).toEqual([]);
    });
  });
});
