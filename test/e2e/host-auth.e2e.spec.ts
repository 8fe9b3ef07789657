import type { INestApplication } from '@nestjs/common';
import { Socket } from 'node:net';
import request from 'supertest';
import { authApp } from '../fixtures/auth.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';
import { rawPost } from '../support/raw-http.js';

describe.each(ADAPTERS)('host auth on %s', adapter => {
  describe('endpoint-wide', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(authApp({ hostAuth: ['allowed.test:1234', 'other.test'] }), { adapter });
    });
    afterAll(() => app.close());

    it('serves a listed Host exactly as sent', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').set('Host', 'allowed.test:1234').send(call('open'));
      expect(res.body).toEqual(success('open'));
    });

    it.each(['evil.test', 'allowed.test', 'allowed.test:12345', 'ALLOWED.TEST:1234', 'other.test:80'])(
      'refuses the forged Host %s and names it',
      async host => {
        const res = await request(app.getHttpServer()).post('/rpc').set('Host', host).send(call('open'));
        expect(res.status).toBe(200);
        expect(res.body).toEqual(failure(`Unauthorized (${host})`));
      },
    );

    it('refuses before looking at the body', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').set('Host', 'evil.test').set('Content-Type', 'text/plain').send('x');
      expect(res.body).toEqual(failure('Unauthorized (evil.test)'));
    });

    it('refuses an HTTP/1.0 request without Host (differs)', async () => {
      const { port } = app.getHttpServer().address();
      const text = await new Promise<string>((resolve, reject) => {
        const socket = new Socket();
        let received = '';
        socket.connect(port, '127.0.0.1', () => {
          const body = JSON.stringify(call('open'));
          socket.write(`POST /rpc HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
        });
        socket.on('data', chunk => (received += chunk.toString()));
        socket.on('end', () => resolve(received));
        socket.on('error', reject);
      });
      expect(text).toMatch(/^HTTP\/1\.[01] 200/);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual(failure('Unauthorized ()'));
    });
  });

  describe('per function', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(authApp(), { adapter });
    });
    afterAll(() => app.close());

    it('guards only that function', async () => {
      const server = app.getHttpServer();
      expect((await request(server).post('/rpc').set('Host', 'evil.test').send(call('local_only'))).body).toEqual(
        failure('Unauthorized (evil.test)'),
      );
      expect((await request(server).post('/rpc').set('Host', 'allowed.test:1234').send(call('local_only'))).body).toEqual(success('local'));
      expect((await request(server).post('/rpc').set('Host', 'evil.test').send(call('open'))).body).toEqual(success('open'));
    });

    it('checks the function before its host only once the body is valid', async () => {
      const res = await rawPost(app, '/rpc', JSON.stringify(call('local_only')), { 'Content-Type': 'application/json', Host: 'evil.test' });
      expect(res.json()).toEqual(failure('Unauthorized (evil.test)'));
    });
  });
});
