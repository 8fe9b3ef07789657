import { requireBinary } from '../support/external-binary.js';
import { call } from '../support/create-app.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { readEvents } from '../support/sse.js';
import { startSample, type RunningSample } from './sample-app.fixture.js';

const describeWithRedis = requireBinary(REDIS_SERVER, 'redis-server') ? describe : describe.skip;

/** `notify` on an instance, over HTTP: its answer. */
async function notify(sample: RunningSample, text: string): Promise<{ ok: boolean; data: string }> {
  const response = await fetch(`${sample.url}/rpc/notifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call('notify', { text })),
  });
  return (await response.json()) as { ok: boolean; data: string };
}

/**
 * Two sample instances in their several-instances mode (SESSION_STORE=redis, a real redis-server):
 * the notifications go through Redis too, so a watcher on one gets what is sent on the other.
 */
describeWithRedis('sample: notifications across two instances on Redis', () => {
  let redis: RedisServer;
  let a: RunningSample;
  let b: RunningSample;

  beforeAll(async () => {
    redis = await RedisServer.start();
    a = await startSample(undefined, { sessionStore: 'redis', redisUrl: redis.url });
    b = await startSample(undefined, { sessionStore: 'redis', redisUrl: redis.url });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('delivers what notify sends on instance A to watch on instance B, with a Redis Streams id; a resume from it replays what followed', async () => {
    const first = await notify(a, 'first');
    expect(first.ok).toBe(true);
    expect(first.data).toMatch(/^\d+-\d+$/);
    // Resuming after `first`: what A sends next comes to B, replayed or live, once and in order.
    const controller = new AbortController();
    const watching = await fetch(`${b.url}/rpc/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'last-event-id': first.data },
      body: JSON.stringify(call('watch')),
      signal: controller.signal,
    });
    const reading = readEvents(watching, 2);
    await notify(a, '  second  ');
    await notify(a, 'third');
    const { events } = await reading;
    controller.abort();
    expect(events.map(event => (event.data as { data: unknown }).data)).toEqual([{ text: 'second' }, { text: 'third' }]);
  });
});
