/**
 * The pair of sample/README.md: the sample with `MICROSERVICE=redis` (in-process, as the other
 * sample specs start it) and the second app, `dist-sample/redis-caller/main.js`, run as a real
 * child process against a real redis-server. Needs dist-sample/ built (`npm test` builds it).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { ADAPTERS, call } from '../support/create-app.js';
import { freePort } from '../support/free-port.js';
import { RedisServer } from '../support/redis-server.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

const CALLER = fileURLToPath(new URL('../../dist-sample/redis-caller/main.js', import.meta.url));

/** Well above the caller's own 3 s timeouts: the caller must give up before this kills it. */
const HANG_LIMIT_MS = 15_000;

interface CallerRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the caller as `npm run sample:redis-caller` does, with `REDIS_URL`; never waits past `HANG_LIMIT_MS`. */
function runCaller(redisUrl: string): Promise<CallerRun> {
  // Without the test runner's NODE_OPTIONS (--experimental-vm-modules warns on stderr).
  const { NODE_OPTIONS: _, ...env } = process.env;
  const started = Date.now();
  return new Promise(resolve => {
    execFile(process.execPath, [CALLER], { env: { ...env, REDIS_URL: redisUrl }, timeout: HANG_LIMIT_MS }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const lines = (text: string) => text.split('\n').filter(line => line !== '');

beforeAll(() => {
  if (!existsSync(CALLER)) {
    throw new Error('dist-sample/redis-caller/main.js is missing: run `npm run build:sample` first (`npm test` does)');
  }
});

describe.each(ADAPTERS)('sample on %s with MICROSERVICE=redis, called by sample/redis-caller', adapter => {
  let redis: RedisServer;
  let sample: RunningSample;

  beforeAll(async () => {
    redis = await RedisServer.start();
    sample = await startSample(undefined, { adapter, microservice: 'redis', redisUrl: redis.url });
  });
  afterAll(async () => {
    await sample?.close();
    await redis?.stop();
  });

  it("prints add_numbers' sum, the weeRPC failures and count_to's numbers (one reply each, collected), and exits 0", async () => {
    const run = await runCaller(redis.url);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(lines(run.stdout)).toEqual([
      'add_numbers [1, 2, 3] -> 6',
      'add_numbers "1, 2, 3" -> failed: Invalid data type. {"expected":"a list of numbers"}',
      'add_string_auth_session "ada" -> failed: Unauthorized.',
      'count_to { n: 3, delay: 100 } -> [1,2,3]',
    ]);
  });

  it('gets the same data and messages as the same calls over HTTP', async () => {
    const overHttp = async (fn: string, data: unknown) => (await request(sample.url).post('/rpc').send(call(fn, data))).body;
    const [sum, refused, unauthorized, counted] = await Promise.all([
      overHttp('add_numbers', [1, 2, 3]),
      overHttp('add_numbers', '1, 2, 3'),
      overHttp('add_string_auth_session', 'ada'),
      overHttp('count_to', { n: 3, delay: 100 }),
    ]);
    const run = await runCaller(redis.url);
    expect(lines(run.stdout)).toEqual([
      `add_numbers [1, 2, 3] -> ${JSON.stringify(sum.data)}`,
      `add_numbers "1, 2, 3" -> failed: ${refused.message} ${JSON.stringify(refused.data)}`,
      `add_string_auth_session "ada" -> failed: ${unauthorized.message}`,
      `count_to { n: 3, delay: 100 } -> ${JSON.stringify(counted.data)}`,
    ]);
  });
});

describe('sample/redis-caller when nothing answers', () => {
  it('exits 1 within seconds, saying so, when the sample runs without MICROSERVICE=redis', async () => {
    const redis = await RedisServer.start();
    const sample = await startSample(undefined, { redisUrl: redis.url }); // HTTP alone: nothing of it listens on Redis
    try {
      const run = await runCaller(redis.url);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr.trim()).toBe(
        `redis-caller: No answer to 'add_numbers' within 3000 ms: is the sample running with MICROSERVICE=redis on ${redis.url}?`,
      );
      expect(run.ms).toBeLessThan(HANG_LIMIT_MS);
    } finally {
      await sample.close();
      await redis.stop();
    }
  });

  it('exits 1 within seconds, saying so, when Redis is not there', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const run = await runCaller(url);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr.trim()).toMatch(new RegExp(`^redis-caller: Cannot reach Redis at ${url} \\(.+\\): is redis-server running there\\?$`));
    expect(run.ms).toBeLessThan(HANG_LIMIT_MS);
  });
});
