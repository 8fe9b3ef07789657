import type { INestApplication } from '@nestjs/common';
import { eventsApp } from '../fixtures/events.fixture.js';
import { createAdapterApp, portOf } from '../support/adapters.js';
import { ADAPTERS, call } from '../support/create-app.js';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { postForEvents, readEvents, type ReceivedEvent } from '../support/sse.js';
import { WsPeer } from '../support/ws-peer.js';

const describeWithRedis = requireBinary(REDIS_SERVER, 'redis-server') ? describe : describe.skip;

/** Publishes through `notify` on the app at `port`; the event's id. */
async function notify(port: number, topic: string, payload: unknown): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call('notify', { topic, payload })),
  });
  const body = (await response.json()) as { ok: boolean; data: string };
  expect(body.ok).toBe(true);
  return body.data;
}

/** `watch` over Server-Sent Events, resuming after `lastEventId` (sent as `Last-Event-ID`). */
const watch = (port: number, topic: string, lastEventId?: string, signal?: AbortSignal) =>
  postForEvents(port, call('watch', { topic }), signal, lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId });

const itemsOf = (events: ReceivedEvent[]) => events.map(event => ({ id: event.id, data: (event.data as { data: unknown }).data }));

describeWithRedis.each(ADAPTERS)('WeeRpcPublisher on Redis Streams across two instances (%s)', adapter => {
  let redis: RedisServer;
  let a: INestApplication;
  let b: INestApplication;
  const peers: WsPeer[] = [];
  let topicCount = 0;
  /** A topic of the test's own, so that tests do not see each other's events. */
  const freshTopic = () => `spec:${adapter}:${++topicCount}:${Date.now()}`;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const options = { redis: { url: redis.url }, retention: { count: 50 } };
    a = await createAdapterApp(adapter, eventsApp(options), { session: false });
    b = await createAdapterApp(adapter, eventsApp(options), { session: false });
  }, 30_000);

  afterEach(async () => {
    await Promise.all(peers.splice(0).map(peer => peer.close()));
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('delivers an event published on instance A to a subscriber on instance B, replayed then live, with its id', async () => {
    const topic = freshTopic();
    const first = await notify(portOf(a), topic, 'e0');
    await notify(portOf(a), topic, 'e1');
    const controller = new AbortController();
    const response = await watch(portOf(b), topic, first, controller.signal);
    const reading = readEvents(response, 5);
    // e1 was replayed; the rest are published while B's subscriber is live.
    const ids = [];
    for (const payload of ['e2', 'e3', 'e4', 'e5']) {
      ids.push(await notify(portOf(a), topic, payload));
    }
    const { events } = await reading;
    controller.abort();
    expect(events.map(event => (event.data as { data: unknown }).data)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(events.slice(1).map(event => event.id)).toEqual(ids);
    expect(events.every(event => /^\d+-\d+$/.test(event.id!))).toBe(true);
  });

  it('reaches a fresh subscriber on B with what A publishes after it subscribed, over WebSocket too', async () => {
    const topic = freshTopic();
    const peer = await WsPeer.open(`ws://127.0.0.1:${portOf(b)}/rpc`);
    peers.push(peer);
    const anchor = await notify(portOf(a), topic, 'before');
    peer.send({ ...call('watch', { topic }), stream: true, lastEventId: anchor });
    const published = [];
    for (let i = 0; i < 20; i++) {
      published.push(await notify(portOf(a), topic, { i }));
    }
    const answers = (await peer.until(20)) as { eventId: string; data: unknown }[];
    expect(answers.map(answer => answer.data)).toEqual(published.map((_id, i) => ({ i })));
    expect(answers.map(answer => answer.eventId)).toEqual(published);
  });

  it('resumes a subscriber cut mid-stream on another instance: every event once, in order', async () => {
    const topic = freshTopic();
    const anchor = await notify(portOf(a), topic, 0);
    const seen: { id?: string; data: unknown }[] = [];
    // First connection, to B: read three events, then cut it.
    const controller = new AbortController();
    const reading = readEvents(await watch(portOf(b), topic, anchor, controller.signal), 3);
    for (let i = 1; i <= 5; i++) {
      await notify(portOf(a), topic, i);
    }
    seen.push(...itemsOf((await reading).events));
    controller.abort();
    // Published while nobody listens.
    for (let i = 6; i <= 10; i++) {
      await notify(portOf(a), topic, i);
    }
    // Second connection, to A this time, with the last id seen.
    const again = new AbortController();
    const rest = readEvents(await watch(portOf(a), topic, seen[seen.length - 1].id, again.signal), 9);
    for (let i = 11; i <= 12; i++) {
      await notify(portOf(b), topic, i);
    }
    seen.push(...itemsOf((await rest).events));
    again.abort();
    expect(seen.map(item => item.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(seen.map(item => item.id)).size).toBe(12);
  });

  it('answers a resume older than the retention with the documented failure as the final event', async () => {
    const topic = freshTopic();
    const first = await notify(portOf(a), topic, 0);
    for (let i = 1; i <= 60; i++) {
      await notify(portOf(a), topic, i);
    }
    const { events } = await readEvents(await watch(portOf(b), topic, first));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'end',
      data: {
        weerpc: 1.1,
        ok: false,
        message: `Cannot resume after event "${first}": it is older than the topic's retention or unknown to it.`,
        data: null,
      },
    });
  });

  it('answers a resume from an id the topic never had with the same failure', async () => {
    const topic = freshTopic();
    await notify(portOf(a), topic, 0);
    for (const id of ['99999999999999-0', 'not-an-id']) {
      const { events } = await readEvents(await watch(portOf(b), topic, id));
      expect(events.map(event => event.event)).toEqual(['end']);
      expect((events[0].data as { message: string }).message).toContain(`Cannot resume after event "${id}"`);
    }
  });

  it('refuses a topic that breaks the topic rule', async () => {
    const response = await fetch(`http://127.0.0.1:${portOf(a)}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call('notify', { topic: 'has space', payload: 1 })),
    });
    expect(await response.json()).toEqual({
      weerpc: 1.1,
      ok: false,
      message: 'Invalid topic "has space": 1 to 200 letters, digits and . _ - : / (starting with a letter or a digit).',
      data: null,
    });
  });
});
