/**
 * `npm run bench:events`: events per second and latency from `WeeRpcPublisher.publish` on instance A
 * to the subscribers of instance B, through a real redis-server (docs/benchmarks.md#live-events-across-instances).
 * A is this process; B is a child process (its own event loop), started with `--role subscriber`.
 * Latency is measured on one clock: `performance.timeOrigin + performance.now()` in both processes.
 */
import 'reflect-metadata';
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { loadavg } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WeeRpcEventsModule, WeeRpcPublisher } from '../../lib/index.js';
import { machineInfo } from '../report/machine-info.js';
import { percentile } from '../report/stats.js';

const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
const TOPIC = 'bench:events';
const now = () => performance.timeOrigin + performance.now();

interface Settings {
  events: number;
  /** Events per second to publish at (0: as fast as `inFlight` publishes at a time go). */
  rate: number;
  subscribers: number;
  inFlight: number;
  redisUrl: string;
}

/** What B reports once every subscriber has every event. */
interface SubscriberReport {
  deliveries: number;
  firstAt: number;
  lastAt: number;
  latencies: number[];
  lost: number;
}

/** The events module alone, on Redis: one instance. */
async function instance(redisUrl: string): Promise<{ publisher: WeeRpcPublisher; close: () => Promise<void> }> {
  @Module({ imports: [WeeRpcEventsModule.forRoot({ redis: { url: redisUrl }, retention: { count: 100_000 }, subscriberBuffer: 100_000 })] })
  class EventsBenchModule {}
  const app = await NestFactory.createApplicationContext(EventsBenchModule, { logger: false });
  return { publisher: app.get(WeeRpcPublisher), close: () => app.close() };
}

/** Instance B: `subscribers` subscriptions from `after`, each reading `events` events; latencies of every delivery. */
async function runSubscriber(settings: Settings, after: string): Promise<void> {
  const { publisher, close } = await instance(settings.redisUrl);
  const latencies: number[] = [];
  let firstAt = Infinity;
  let lastAt = 0;
  let lost = 0;
  const reading = Array.from({ length: settings.subscribers }, async () => {
    let expected = 0;
    for await (const item of publisher.subscribe<{ n: number; sentAt: number }>(TOPIC, { lastEventId: after })) {
      const at = now();
      firstAt = Math.min(firstAt, at);
      lastAt = Math.max(lastAt, at);
      latencies.push(at - item.data.sentAt);
      if (item.data.n !== expected) lost++;
      expected = item.data.n + 1;
      if (expected === settings.events) break;
    }
  });
  process.send!({ ready: true });
  await Promise.all(reading);
  const report: SubscriberReport = { deliveries: latencies.length, firstAt, lastAt, latencies, lost };
  // The report is large (a latency per delivery): sent, and flushed, before this process ends.
  await new Promise(resolve => process.send!({ report }, undefined, {}, resolve));
  await close();
}

/** Instance A: starts B, publishes `events` events with `inFlight` publishes at a time, waits for B's report. */
async function runPublisher(settings: Settings): Promise<void> {
  const { publisher, close } = await instance(settings.redisUrl);
  const anchor = await publisher.publish(TOPIC, { n: -1, sentAt: now() });
  const child = fork(fileURLToPath(import.meta.url), ['--role', 'subscriber', '--after', anchor, ...settingsArgs(settings)]);
  const message = (key: 'ready' | 'report') => new Promise<any>(resolve => child.on('message', (m: any) => m[key] !== undefined && resolve(m[key])));
  const reported = message('report');
  child.on('exit', code => code !== 0 && code !== null && console.error(`The subscribers' process exited with ${code}.`));
  await message('ready');
  // B's subscriptions start with a replay of nothing after the anchor; a few ms for them to go live.
  const startedAt = now();
  let next = 0;
  // Paced, one publish at a time, so that events go out in the order of their numbers.
  await Promise.all(
    Array.from({ length: settings.rate > 0 ? 1 : settings.inFlight }, async () => {
      while (next < settings.events) {
        const n = next++;
        const due = settings.rate > 0 ? startedAt + (n * 1000) / settings.rate : 0;
        if (due > now()) {
          await new Promise(resolve => setTimeout(resolve, due - now()));
        }
        await publisher.publish(TOPIC, { n, sentAt: now() });
      }
    }),
  );
  const publishedAt = now();
  const report = (await reported) as SubscriberReport;
  await close();
  child.kill();
  const sorted = Float64Array.from(report.latencies).sort();
  const seconds = (report.lastAt - startedAt) / 1000;
  const result = {
    machine: machineInfo(),
    loadAverageAfter: Math.round(loadavg()[0] * 100) / 100,
    settings: { events: settings.events, rate: settings.rate, subscribers: settings.subscribers, inFlight: settings.inFlight },
    publishPerSecond: Math.round(settings.events / ((publishedAt - startedAt) / 1000)),
    eventsPerSecond: Math.round(settings.events / seconds),
    deliveriesPerSecond: Math.round(report.deliveries / seconds),
    deliveries: report.deliveries,
    outOfOrderOrLost: report.lost,
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]),
    },
  };
  console.log(JSON.stringify(result, null, 2));
  // One file per load: as fast as possible (saturation), or at a paced rate (latency without queueing).
  const file = `${RESULTS_DIR}events-${settings.rate > 0 ? `${settings.rate}-per-s` : 'saturated'}.json`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function settingsArgs(settings: Settings): string[] {
  return [
    '--events',
    String(settings.events),
    '--subscribers',
    String(settings.subscribers),
    '--in-flight',
    String(settings.inFlight),
    '--redis',
    settings.redisUrl,
  ];
}

/** A redis-server of the bench's own, on a free port, without persistence. */
async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await new Promise<number>(resolve => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  // Connecting, not listening, to see whether it is up: a test listen could take the port from it.
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise<boolean>(resolve => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) {
      return { url: `redis://127.0.0.1:${port}`, process: child };
    }
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'publisher' },
    after: { type: 'string' },
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '0' },
    subscribers: { type: 'string', default: '100' },
    'in-flight': { type: 'string', default: '32' },
    redis: { type: 'string' },
  },
});
const base = {
  events: Number(values.events),
  rate: Number(values.rate),
  subscribers: Number(values.subscribers),
  inFlight: Number(values['in-flight']),
};
if (values.role === 'subscriber') {
  await runSubscriber({ ...base, redisUrl: values.redis! }, values.after!);
  process.exit(0);
} else {
  const redis = values.redis === undefined ? await startRedis() : undefined;
  try {
    await runPublisher({ ...base, redisUrl: values.redis ?? redis!.url });
  } finally {
    redis?.process.kill('SIGKILL');
  }
}
