import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WeeRpcEventsModule, WeeRpcPublisher, type RpcEventItem, type WeeRpcEventsOptions } from 'nestjs-weerpc';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { until } from '../support/until.js';

const hasRedis = requireBinary(REDIS_SERVER, 'redis-server');
const BACKENDS = hasRedis ? (['memory', 'redis'] as const) : (['memory'] as const);

/** Long enough for a publish and a resume on a busy machine; each test checks it held. */
const MAX_AGE = 3000;

/** Reads `count` items of a subscription, then leaves it. */
async function take<T>(subscription: AsyncIterableIterator<RpcEventItem<T>>, count: number): Promise<RpcEventItem<T>[]> {
  const items: RpcEventItem<T>[] = [];
  while (items.length < count) {
    const { done, value } = await subscription.next();
    if (done) break;
    items.push(value);
  }
  await subscription.return!();
  return items;
}

/** Waits, polling, until `ms` have passed since `since`: an event published then has aged out. */
const untilOlderThan = (since: number, ms: number) => until(() => Date.now() - since > ms, ms + 5000);

const goneFor = (lastEventId: string) => ({
  status: 410,
  message: `Cannot resume after event "${lastEventId}": it is older than the topic's retention or unknown to it.`,
});

describe.each(BACKENDS)('retention by time, maxAge (%s)', backend => {
  let redis: RedisServer | undefined;
  const contexts: INestApplicationContext[] = [];
  let topicCount = 0;
  const freshTopic = () => `retention:${++topicCount}:${Date.now()}`;
  const start = async (options: WeeRpcEventsOptions) => {
    const moduleRef = await Test.createTestingModule({
      imports: [WeeRpcEventsModule.forRoot(backend === 'redis' ? { ...options, redis: { url: redis!.url } } : options)],
    }).compile();
    const context = await moduleRef.init();
    contexts.push(context);
    return context.get(WeeRpcPublisher);
  };

  beforeAll(async () => {
    if (backend === 'redis') redis = await RedisServer.start();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map(context => context.close()));
  });
  afterAll(() => redis?.stop());

  it('replays after an event still within maxAge; once the events after it aged out, the resume is the 410', async () => {
    const publisher = await start({ retention: { maxAge: MAX_AGE } });
    const topic = freshTopic();
    const first = await publisher.publish(topic, 0);
    const ids = [await publisher.publish(topic, 1), await publisher.publish(topic, 2)];
    const publishedAt = Date.now();

    const replayed = await take(publisher.subscribe<number>(topic, { lastEventId: first }), 2);
    expect(replayed).toEqual([
      { id: ids[0], data: 1 },
      { id: ids[1], data: 2 },
    ]);
    expect(Date.now() - publishedAt).toBeLessThan(MAX_AGE); // the replay above was within maxAge

    // Nothing is published meanwhile: the topic is trimmed by time at the resume itself.
    await untilOlderThan(publishedAt, MAX_AGE);
    await expect(publisher.subscribe(topic, { lastEventId: first }).next()).rejects.toMatchObject(goneFor(first));
  }, 30_000);

  it('applies count and maxAge together: whichever drops an event first', async () => {
    const publisher = await start({ retention: { count: 3, maxAge: MAX_AGE } });
    const topic = freshTopic();
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push(await publisher.publish(topic, i));
    }
    const publishedAt = Date.now();
    // By count: the last 3 (2, 3, 4) are kept; after event 0, event 1 is missing.
    await expect(publisher.subscribe(topic, { lastEventId: ids[0] }).next()).rejects.toMatchObject(goneFor(ids[0]));
    expect((await take(publisher.subscribe<number>(topic, { lastEventId: ids[2] }), 2)).map(item => item.data)).toEqual([3, 4]);
    expect(Date.now() - publishedAt).toBeLessThan(MAX_AGE);

    // By time: within the count, but aged out.
    await untilOlderThan(publishedAt, MAX_AGE);
    await expect(publisher.subscribe(topic, { lastEventId: ids[2] }).next()).rejects.toMatchObject(goneFor(ids[2]));
  }, 30_000);
});
