import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';

const CHILD = fileURLToPath(new URL('./fan-out.child.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const BACKENDS = requireBinary(REDIS_SERVER, 'redis-server') ? (['memory', 'redis'] as const) : (['memory'] as const);

/** Runs the fan-out in a child (see fan-out.child.mjs for why): how many subscribers read how many events in order. */
async function fanOut(subscribers: number, events: number, redisUrl?: string): Promise<{ histogram: Record<string, number>; ms: number }> {
  if (!existsSync(DIST)) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  }
  const args = [CHILD, String(subscribers), String(events), ...(redisUrl ? [redisUrl] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { histogram: Record<string, number>; ms: number };
}

describe.each(BACKENDS)('WeeRpcPublisher fan-out on one instance (%s)', backend => {
  let redis: RedisServer | undefined;

  beforeAll(async () => {
    if (backend === 'redis') redis = await RedisServer.start();
  });
  afterAll(() => redis?.stop());

  it('delivers 10 000 events to 1 000 subscribers of one instance, none lost, in order', async () => {
    const { histogram, ms } = await fanOut(1000, 10_000, redis?.url);
    console.log(`[${backend}] 10 000 events to 1 000 subscribers: ${ms} ms`);
    expect(histogram).toEqual({ 10000: 1000 });
  }, 120_000);
});
