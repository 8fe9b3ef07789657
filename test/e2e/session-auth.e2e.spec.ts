import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import { authApp, loggedIn } from '../fixtures/auth.fixture.js';
import { ADAPTERS, call, createTestApp, failure, success } from '../support/create-app.js';

describe.each(ADAPTERS)('session auth with a real session cookie on %s', adapter => {
  describe('per function and per class', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(authApp(), { adapter });
    });
    afterAll(() => app.close());

    it('refuses a protected function without a session, serves an open one', async () => {
      const agent = request.agent(app.getHttpServer());
      expect((await agent.post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
      expect((await agent.post('/rpc').send(call('open'))).body).toEqual(success('open'));
    });

    it('logs in, calls, logs out, is refused again', async () => {
      const agent = request.agent(app.getHttpServer());
      const login = await agent.post('/rpc').send(call('login', {}));
      expect(login.body).toEqual(success(null, 'Logged in.'));
      expect(login.headers['set-cookie']).toBeDefined();
      expect((await agent.post('/rpc').send(call('secret'))).body).toEqual(success('secret'));
      expect((await agent.post('/rpc').send(call('logout'))).body).toEqual(success(null, 'Logged out.'));
      expect((await agent.post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
    });

    it('needs every rule of a list to pass', async () => {
      const user = request.agent(app.getHttpServer());
      await user.post('/rpc').send(call('login', { user_type: 'user' }));
      expect((await user.post('/rpc').send(call('admin_only'))).body).toEqual(failure('Unauthorized.'));
      const admin = request.agent(app.getHttpServer());
      await admin.post('/rpc').send(call('login', { user_type: 'admin' }));
      expect((await admin.post('/rpc').send(call('admin_only'))).body).toEqual(success('admin'));
    });

    it('compares values strictly: 1 does not pass a [true] rule (differs)', async () => {
      const agent = request.agent(app.getHttpServer());
      await agent.post('/rpc').send(call('login', { logged_in: 1 }));
      expect((await agent.post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
      await agent.post('/rpc').send(call('login', { logged_in: 'true' }));
      expect((await agent.post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
    });

    it('checks function session rules before function host rules', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').set('Host', 'evil.test').send(call('vault'));
      expect(res.body).toEqual(failure('Unauthorized.'));
    });

    it('applies class rules and method rules together', async () => {
      const agent = request.agent(app.getHttpServer());
      await agent.post('/rpc').send(call('login', { user_type: 'user' }));
      expect((await agent.post('/rpc').set('Host', 'allowed.test:1234').send(call('vault'))).body).toEqual(success('vault'));
      // class host list passes, method host list does not
      expect((await agent.post('/rpc').set('Host', 'allowed.test:1234').send(call('vault_admin'))).body).toEqual(failure('Unauthorized.'));
      await agent.post('/rpc').send(call('login', { user_type: 'admin' }));
      expect((await agent.post('/rpc').set('Host', 'allowed.test:1234').send(call('vault_admin'))).body).toEqual(
        failure('Unauthorized (allowed.test:1234)'),
      );
      expect((await agent.post('/rpc').set('Host', 'other.test').send(call('vault_admin'))).body).toEqual(success('vault admin'));
    });
  });

  describe('endpoint-wide', () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createTestApp(authApp({ sessionAuth: loggedIn }), { adapter });
    });
    afterAll(() => app.close());

    it('refuses every function, login included, before looking at the body', async () => {
      const res = await request(app.getHttpServer()).post('/rpc').set('Content-Type', 'text/plain').send('not json');
      expect(res.body).toEqual(failure('Unauthorized.'));
      expect((await request(app.getHttpServer()).post('/rpc').send(call('nope'))).body).toEqual(failure('Unauthorized.'));
      expect((await request(app.getHttpServer()).post('/rpc').send(call('open'))).body).toEqual(failure('Unauthorized.'));
    });
  });

  describe('without a session middleware', () => {
    it('fails closed and warns once', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const app = await createTestApp(authApp(), { adapter, session: false });
      try {
        const server = app.getHttpServer();
        expect((await request(server).post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
        expect((await request(server).post('/rpc').send(call('secret'))).body).toEqual(failure('Unauthorized.'));
        expect((await request(server).post('/rpc').send(call('open'))).body).toEqual(success('open'));
        const warnings = warn.mock.calls.filter(([message]) => String(message).includes('no session middleware'));
        expect(warnings).toHaveLength(1);
      } finally {
        warn.mockRestore();
        await app.close();
      }
    });
  });
});
