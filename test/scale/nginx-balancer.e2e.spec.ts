import request from 'supertest';
import { startSample, tempDataDir, type RunningSample } from '../sample/sample-app.fixture.js';
import { requireBinary } from '../support/external-binary.js';
import { NGINX, NginxBalancer } from '../support/nginx.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';

const call = (fn: string, data?: unknown) => ({ weerpc: 1.1, function: fn, data });
const canRun = requireBinary(REDIS_SERVER, 'redis-server') && requireBinary(NGINX, 'nginx');
const describeBehindNginx = canRun ? describe : describe.skip;

describeBehindNginx('two sample instances behind a real nginx (round robin) with Redis sessions', () => {
  let redis: RedisServer;
  let nginx: NginxBalancer;
  const instances: RunningSample[] = [];
  const served = [0, 0];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const dataDir = tempDataDir();
    for (const index of [0, 1]) {
      instances.push(
        await startSample(dataDir, {
          sessionStore: 'redis',
          redisUrl: redis.url,
          // Counts what each instance serves, before the sample's own middleware.
          beforeListen: app => void app.use((_req: unknown, _res: unknown, next: () => void) => (served[index]++, next())),
        }),
      );
    }
    nginx = await NginxBalancer.start(instances.map(instance => Number(new URL(instance.url).port)));
  }, 30_000);

  afterAll(async () => {
    await nginx?.stop();
    await instances[0]?.close({ keepData: true });
    await instances[1]?.close();
    await redis?.stop();
  });

  it('serves 200 session-protected calls through nginx, all successful, from both instances', async () => {
    const login = await request(nginx.url)
      .post('/rpc/auth/login')
      .send(call('login', { username: 'ada' }));
    expect(login.body).toMatchObject({ ok: true });
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    served.fill(0);

    const answers = [];
    for (let i = 0; i < 200; i++) {
      answers.push((await request(nginx.url).post('/rpc/auth').set('Cookie', cookie).send(call('session'))).body);
    }

    expect(answers.filter(answer => answer.ok === true && answer.data?.username === 'ada')).toHaveLength(200);
    expect(served[0] + served[1]).toBe(200);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
  }, 60_000);
});
