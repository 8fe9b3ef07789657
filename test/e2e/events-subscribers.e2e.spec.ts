import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { RpcEventItem, WeeRpcEventsModule, WeeRpcPublisher, type WeeRpcEventsOptions } from 'nestjs-weerpc';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';

const hasRedis = requireBinary(REDIS_SERVER, 'redis-server');
const BACKENDS = hasRedis ? (['memory', 'redis'] as const) : (['memory'] as const);

/** The events module alone, on the chosen back-end. */
async function publisherOn(options: WeeRpcEventsOptions): Promise<{ context: INestApplicationContext; publisher: WeeRpcPublisher }> {
  const moduleRef = await Test.createTestingModule({ imports: [WeeRpcEventsModule.forRoot(options)] }).compile();
  const context = await moduleRef.init();
  return { context, publisher: context.get(WeeRpcPublisher) };
}

/** Reads `count` items of a subscription. */
async function take<T>(subscription: AsyncIterator<RpcEventItem<T>>, count: number): Promise<RpcEventItem<T>[]> {
  const items: RpcEventItem<T>[] = [];
  while (items.length < count) {
    const { done, value } = await subscription.next();
    if (done) break;
    items.push(value);
  }
  return items;
}

describe.each(BACKENDS)('WeeRpcPublisher subscribers (%s)', backend => {
  let redis: RedisServer | undefined;
  const contexts: INestApplicationContext[] = [];
  let topicCount = 0;
  const freshTopic = () => `subscribers:${++topicCount}:${Date.now()}`;
  const start = async (options: WeeRpcEventsOptions = {}) => {
    const started = await publisherOn(backend === 'redis' ? { ...options, redis: { url: redis!.url } } : options);
    contexts.push(started.context);
    return started.publisher;
  };

  beforeAll(async () => {
    if (backend === 'redis') redis = await RedisServer.start();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map(context => context.close()));
  });
  afterAll(() => redis?.stop());

  it('fails a subscriber that falls subscriberBuffer events behind with the documented failure, and holds nothing more', async () => {
    const publisher = await start({ subscriberBuffer: 10 });
    const topic = freshTopic();
    const anchor = await publisher.publish(topic, 'anchor');
    const slow = publisher.subscribe<number>(topic, { lastEventId: anchor });
    const reader = publisher.subscribe<number>(topic, { lastEventId: anchor });
    const read = take(reader, 11);
    for (let i = 1; i <= 11; i++) {
      await publisher.publish(topic, i);
    }
    // Events fan out to every listener in turn: once the reader has the 11th, so had the slow one.
    expect((await read).map(item => item.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    await expect(slow.next()).rejects.toThrow('Subscriber too slow: its events were dropped.');
    // Ended: what comes later is not kept for it.
    await publisher.publish(topic, 12);
    expect(await take(reader, 1)).toEqual([expect.objectContaining({ data: 12 })]);
    await expect(slow.next()).resolves.toEqual({ done: true, value: undefined });
    await reader.return!();
  });

  it('replays a backlog longer than subscriberBuffer to a reader that keeps up: every event once, in order', async () => {
    const publisher = await start({ subscriberBuffer: 10, retention: { count: 500 } });
    const topic = freshTopic();
    const ids = [];
    for (let i = 0; i < 300; i++) {
      ids.push(await publisher.publish(topic, i));
    }
    const subscription = publisher.subscribe<number>(topic, { lastEventId: ids[0] });
    const items = await take(subscription, 299);
    expect(items.map(item => item.data)).toEqual(Array.from({ length: 299 }, (_, i) => i + 1));
    expect(items.map(item => item.id)).toEqual(ids.slice(1));
    await subscription.return!();
  });

  it('ends a subscription when its signal aborts', async () => {
    const publisher = await start();
    const topic = freshTopic();
    const controller = new AbortController();
    const anchor = await publisher.publish(topic, 0);
    const subscription = publisher.subscribe(topic, { lastEventId: anchor, signal: controller.signal });
    const next = subscription.next();
    controller.abort();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });

  it('refuses a resume older than the retention with a GoneException, at the first read', async () => {
    const publisher = await start({ retention: { count: 3 } });
    const topic = freshTopic();
    const first = await publisher.publish(topic, 0);
    for (let i = 1; i <= 5; i++) {
      await publisher.publish(topic, i);
    }
    await expect(publisher.subscribe(topic, { lastEventId: first }).next()).rejects.toMatchObject({
      status: 410,
      message: `Cannot resume after event "${first}": it is older than the topic's retention or unknown to it.`,
    });
  });

  it('refuses topics that break the rule', async () => {
    const publisher = await start();
    for (const topic of ['', 'a b', '*', '-x', 'x'.repeat(201), 'a\nb']) {
      await expect(publisher.publish(topic, 1)).rejects.toMatchObject({ status: 400 });
      expect(() => publisher.subscribe(topic)).toThrow(/^Invalid topic/);
    }
  });
});
