import { Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { WeeRpcEventsModule, type WeeRpcEventsOptions, type WeeRpcEventsOptionsFactory } from 'nestjs-weerpc';
import { eventsApp } from '../fixtures/events.fixture.js';
import { createAdapterApp, portOf } from '../support/adapters.js';
import { ADAPTERS, call } from '../support/create-app.js';
import { requireBinary } from '../support/external-binary.js';
import { REDIS_SERVER, RedisServer } from '../support/redis-server.js';
import { postForEvents, readEvents } from '../support/sse.js';

const describeWithRedis = requireBinary(REDIS_SERVER, 'redis-server') ? describe : describe.skip;

/** What the configuration holds: a retention of 3 events, far from the default 1 000, so that a spec sees it applied. */
const env: Record<string, string> = { EVENTS_RETENTION: '3' };

/** Builds the events options from ConfigService, for useClass and useExisting. */
@Injectable()
class EventsConfig implements WeeRpcEventsOptionsFactory {
  constructor(private readonly config: ConfigService) {}
  createWeeRpcEventsOptions(): WeeRpcEventsOptions {
    return { retention: { count: Number(this.config.getOrThrow('EVENTS_RETENTION')) } };
  }
}

@Module({ imports: [ConfigModule.forFeature(() => env)], providers: [EventsConfig], exports: [EventsConfig] })
class EventsConfigModule {}

const configRoot = () => ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => env] });

const strategies: [string, () => DynamicModule][] = [
  [
    'useFactory + inject (async)',
    () =>
      WeeRpcEventsModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        // A promise, as a factory that reads a secret store would answer.
        useFactory: (config: ConfigService) => Promise.resolve({ retention: { count: Number(config.getOrThrow('EVENTS_RETENTION')) } }),
      }),
  ],
  ['useClass', () => WeeRpcEventsModule.forRootAsync({ imports: [ConfigModule], useClass: EventsConfig })],
  ['useExisting', () => WeeRpcEventsModule.forRootAsync({ imports: [EventsConfigModule], useExisting: EventsConfig })],
];

/** Publishes through `notify` over HTTP; the event's id. */
async function notify(port: number, topic: string, payload: unknown): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(call('notify', { topic, payload })),
  });
  return ((await response.json()) as { data: string }).data;
}

/** `watch` over Server-Sent Events after `lastEventId`: the first `count` events. */
async function watchFrom(port: number, topic: string, lastEventId: string, count: number) {
  const controller = new AbortController();
  const response = await postForEvents(port, call('watch', { topic }), controller.signal, { 'Last-Event-ID': lastEventId });
  const { events } = await readEvents(response, count);
  controller.abort();
  return events;
}

describe.each(ADAPTERS)('WeeRpcEventsModule.forRootAsync with @nestjs/config (%s)', adapter => {
  describe.each(strategies)('%s', (_name, eventsModule) => {
    let app: INestApplication;
    beforeAll(async () => {
      app = await createAdapterApp(adapter, eventsApp(eventsModule(), [configRoot()]), { session: false });
    });
    afterAll(() => app?.close());

    it('publishes and streams with the configured retention: within it a resume replays, past it the 410', async () => {
      const topic = `async:${Date.now()}`;
      const ids = [];
      for (let i = 0; i < 5; i++) {
        ids.push(await notify(portOf(app), topic, i));
      }
      // Kept: the last 3 (2, 3, 4). After event 2 come 3 and 4.
      const replayed = await watchFrom(portOf(app), topic, ids[2], 2);
      expect(replayed.map(event => [event.id, (event.data as { data: unknown }).data])).toEqual([
        [ids[3], 3],
        [ids[4], 4],
      ]);
      // After event 0: event 1 is no longer kept, as the configured count (not the default 1 000) says.
      const gone = await watchFrom(portOf(app), topic, ids[0], 1);
      expect(gone[0]).toMatchObject({
        event: 'end',
        data: { ok: false, message: `Cannot resume after event "${ids[0]}": it is older than the topic's retention or unknown to it.` },
      });
    });
  });

  it('fails the start naming a wrong option the factory gave, as forRoot does', async () => {
    const fromFactory = WeeRpcEventsModule.forRootAsync({ useFactory: () => ({ retention: { count: 0 } }) });
    const fromRoot = WeeRpcEventsModule.forRoot({ subscriberBuffer: -1 });
    await expect(createAdapterApp(adapter, eventsApp(fromFactory))).rejects.toThrow(
      'WeeRpcEventsModule option "retention.count" must be a positive integer.',
    );
    await expect(createAdapterApp(adapter, eventsApp(fromRoot))).rejects.toThrow(
      'WeeRpcEventsModule option "subscriberBuffer" must be a positive integer.',
    );
  });
});

describe('WeeRpcEventsModule.forRootAsync without a strategy', () => {
  it('says what is missing', () => {
    expect(() => WeeRpcEventsModule.forRootAsync({})).toThrow('WeeRpcEventsModule.forRootAsync() needs one of useFactory, useClass or useExisting.');
  });
});

describeWithRedis('WeeRpcEventsModule.forRootAsync with the Redis URL from the configuration', () => {
  let redis: RedisServer;
  let a: INestApplication;
  let b: INestApplication;

  beforeAll(async () => {
    redis = await RedisServer.start();
    const redisEnv = { REDIS_URL: redis.url };
    const instance = () => {
      const events = WeeRpcEventsModule.forRootAsync({
        imports: [ConfigModule],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({ redis: { url: config.getOrThrow<string>('REDIS_URL') } }),
      });
      return createAdapterApp('express', eventsApp(events, [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => redisEnv] })]), {
        session: false,
      });
    };
    a = await instance();
    b = await instance();
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('shares topics between two instances: an event published on A reaches a subscriber on B', async () => {
    const topic = `async-redis:${Date.now()}`;
    const anchor = await notify(portOf(a), topic, 'anchor');
    expect(anchor).toMatch(/^\d+-\d+$/); // a Redis Streams id, not an in-memory one
    const controller = new AbortController();
    const reading = readEvents(await postForEvents(portOf(b), call('watch', { topic }), controller.signal, { 'Last-Event-ID': anchor }), 1);
    const id = await notify(portOf(a), topic, 'from A');
    const { events } = await reading;
    controller.abort();
    expect(events.map(event => [event.id, (event.data as { data: unknown }).data])).toEqual([[id, 'from A']]);
  });
});
