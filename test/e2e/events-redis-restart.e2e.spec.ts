import type { INestApplicationContext } from '@nestjs/common';
import { createConnection, type Socket } from 'node:net';
import { Test } from '@nestjs/testing';
import { WeeRpcEventsModule, WeeRpcPublisher, type RpcEventItem } from 'nestjs-weerpc';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { until } from '../support/until.js';

const describeWithRedis = requireBinary(REDIS_SERVER, 'redis-server') ? describe : describe.skip;

/** A raw TCP connection to the server (a client id taken), open until destroyed. */
function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Collects what a subscription yields, and how it ended, in the background. */
function collect<T>(subscription: AsyncIterable<RpcEventItem<T>>) {
  const seen: { items: RpcEventItem<T>[]; error?: unknown; done: boolean } = { items: [], done: false };
  void (async () => {
    try {
      for await (const item of subscription) seen.items.push(item);
    } catch (error) {
      seen.error = error;
    }
    seen.done = true;
  })();
  return seen;
}

/**
 * Redis goes away and comes back (a restart, a failover to an empty replica): the subscribers of a
 * running instance go on with what is published after it, without resubscribing. The server here
 * keeps nothing on disk, as a cache-only Redis: what it held before is gone, and so are resumes
 * from before (docs/events.md, "When Redis restarts").
 */
describeWithRedis('WeeRpcPublisher on Redis when redis-server restarts', () => {
  let redis: RedisServer;
  const contexts: INestApplicationContext[] = [];
  const instance = async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [WeeRpcEventsModule.forRoot({ redis: { url: redis.url }, retention: { count: 100 } })],
    }).compile();
    const context = await moduleRef.init();
    contexts.push(context);
    return context.get(WeeRpcPublisher);
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(contexts.map(context => context.close()));
    await redis?.stop();
  });

  it('delivers what is published after the restart to the subscribers of before, and to new ones; an id of before is gone', async () => {
    const a = await instance();
    const b = await instance();
    const topics = ['restart:one', 'restart:two'];
    const anchors = await Promise.all(topics.map(topic => a.publish(topic, 'anchor')));
    const before = topics.map((topic, i) => collect(b.subscribe<string>(topic, { lastEventId: anchors[i] })));
    const lastBefore = await Promise.all(topics.map(topic => a.publish(topic, 'before')));
    await until(() => before.every(seen => seen.items.length === 1));

    await redis.stop();
    await redis.start();
    // Other clients get to the new server first, as they would in production: the connections of
    // the instances come back with client ids other than before.
    const others = await Promise.all([1, 2, 3].map(() => openConnection(redis.port)));

    // A topic first subscribed on B after the restart joins B's read, as one of before did.
    const fresh = 'restart:fresh';
    const freshAnchor = await a.publish(fresh, 'anchor');
    const late = collect(b.subscribe<string>(fresh, { lastEventId: freshAnchor }));
    // The first event may come by the subscription's replay; once it is seen the replay is over, so
    // the second can only come by B's read, blocked on the topics of before: it must take the fresh
    // one in without an event of theirs to wake it.
    await a.publish(fresh, 'first');
    await until(() => late.items.length === 1, 15_000);
    await a.publish(fresh, 'after');
    await until(() => late.items.length === 2, 15_000);
    for (const topic of topics) {
      await a.publish(topic, 'after');
    }
    await until(() => before.every(seen => seen.items.length === 2), 15_000);
    expect(before.map(seen => seen.items.map(item => item.data))).toEqual([
      ['before', 'after'],
      ['before', 'after'],
    ]);
    expect(late.items.map(item => item.data)).toEqual(['first', 'after']);
    expect(before.concat(late).some(seen => seen.done)).toBe(false);
    others.forEach(socket => socket.destroy());

    // The restarted Redis does not know the events of before: a resume from one is the documented 410.
    await expect(b.subscribe(topics[0], { lastEventId: lastBefore[0] }).next()).rejects.toMatchObject({
      status: 410,
      message: `Cannot resume after event "${lastBefore[0]}": it is older than the topic's retention or unknown to it.`,
    });
  }, 60_000);

  it('holds a publish made while Redis is down until it is back, then delivers it', async () => {
    const a = await instance();
    const b = await instance();
    const topic = 'restart:held';
    const anchor = await a.publish(topic, 'anchor');
    const seen = collect(b.subscribe<string>(topic, { lastEventId: anchor }));
    // B's subscriber is live once it got an event: the restart comes after, not amid its resume.
    await a.publish(topic, 'live');
    await until(() => seen.items.length === 1);
    await redis.stop();
    const publishing = a.publish(topic, 'while down');
    await redis.start();
    const id = await publishing;
    await until(() => seen.items.length === 2, 15_000);
    expect(seen.items[1]).toEqual({ id, data: 'while down' });
  }, 60_000);
});
