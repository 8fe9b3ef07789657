import { Logger } from '@nestjs/common';
import { jest } from '@jest/globals';
import request from 'supertest';
import { startSample, tempDataDir, type RunningSample } from '../sample/sample-app.fixture.js';
import { ADAPTERS } from '../support/create-app.js';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';

const call = (fn: string, data?: unknown) => ({ weerpc: 1.1, function: fn, data });
const describeWithRedis = requireBinary(REDIS_SERVER, 'redis-server') ? describe : describe.skip;

/** Polls until `check` passes or 10 s have gone: Redis reconnects on its own schedule. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

describeWithRedis.each(ADAPTERS)('two sample instances on %s sharing sessions through a real redis-server', adapter => {
  let redis: RedisServer;
  let a: RunningSample;
  let b: RunningSample;
  const logged: string[] = [];

  beforeAll(async () => {
    for (const level of ['error', 'warn', 'log'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, message: unknown) {
        logged.push(String(message));
      });
    }
    redis = await RedisServer.start();
    const dataDir = tempDataDir();
    a = await startSample(dataDir, { adapter, sessionStore: 'redis', redisUrl: redis.url });
    b = await startSample(dataDir, { adapter, sessionStore: 'redis', redisUrl: redis.url });
  }, 30_000);

  afterAll(async () => {
    await a?.close({ keepData: true });
    await b?.close();
    await redis?.stop();
    jest.restoreAllMocks();
  });

  /** The session cookie of a fresh login on `sample`. */
  async function loginOn(sample: RunningSample, username: string): Promise<string> {
    const res = await request(sample.url).post('/rpc/auth/login').send(call('login', { username }));
    expect(res.body).toMatchObject({ ok: true, message: `Logged in as ${username}.` });
    return (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
  }

  const sessionOn = (sample: RunningSample, cookie: string) => request(sample.url).post('/rpc/auth').set('Cookie', cookie).send(call('session'));

  it('honours on B a session created on A, and sees a logout on B from A', async () => {
    const cookie = await loginOn(a, 'ada');
    expect((await sessionOn(b, cookie)).body).toEqual({ weerpc: 1.1, ok: true, message: null, data: { logged_in: true, username: 'ada' } });
    expect((await request(b.url).post('/rpc/auth').set('Cookie', cookie).send(call('logout'))).body).toMatchObject({ ok: true });
    expect((await sessionOn(a, cookie)).body).toEqual({ weerpc: 1.1, ok: false, message: 'Unauthorized.', data: null });
  });

  it('fails closed while Redis is away, keeps open functions answering, and recovers', async () => {
    const cookie = await loginOn(a, 'grace');
    await redis.stop();

    for (const sample of [a, b]) {
      const refused = await sessionOn(sample, cookie);
      expect(refused.body).toEqual({ weerpc: 1.1, ok: false, message: 'Unauthorized.', data: null });
      // The cookie is left alone (not cleared, not replaced), for when the store is back.
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect(
        (
          await request(sample.url)
            .post('/rpc')
            .send(call('add_numbers', [1, 2, 3]))
        ).body,
      ).toMatchObject({ ok: true, data: 6 });
    }
    const login = await request(a.url)
      .post('/rpc/auth/login')
      .send(call('login', { username: 'grace' }));
    expect(login.body).toEqual({ weerpc: 1.1, ok: false, message: 'Sessions are unavailable right now; try again later.', data: null });
    expect(logged.some(line => /Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable/.test(line))).toBe(true);

    await redis.start();
    // A restarted Redis without persistence has forgotten the session: a new login works on both.
    await eventually(async () => {
      const fresh = await loginOn(a, 'grace');
      expect((await sessionOn(b, fresh)).body).toMatchObject({ ok: true, data: { logged_in: true, username: 'grace' } });
    });
    expect(logged.some(line => /Redis at .* is back/.test(line))).toBe(true);
  }, 30_000);
});
