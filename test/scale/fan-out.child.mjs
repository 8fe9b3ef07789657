/**
 * One instance's publisher with many subscribers, in a process of its own, for
 * test/scale/events-fan-out.e2e.spec.ts. Not in the jest worker: jest's test context is an
 * AsyncLocalStorage, which turns on promise hooks, and with them each of the ten million
 * deliveries costs several times what it costs in an application.
 *
 * Usage: node fan-out.child.mjs <subscribers> <events> [redis url]. Prints one JSON line: how many
 * subscribers read how many events in order (`{ "<events read>": <subscribers> }`), and the time.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WeeRpcEventsModule, WeeRpcPublisher } from '../../dist/index.js';

const [subscriberCount, eventCount] = process.argv.slice(2, 4).map(Number);
const redisUrl = process.argv[4];
const options = { subscriberBuffer: eventCount, retention: { count: 10 }, ...(redisUrl && { redis: { url: redisUrl } }) };
const app = await NestFactory.createApplicationContext(WeeRpcEventsModule.forRoot(options), { logger: false });
const publisher = app.get(WeeRpcPublisher);
const topic = `fan-out:${process.pid}:${Date.now()}`;
const anchor = await publisher.publish(topic, -1);

const started = performance.now();
const readers = Array.from({ length: subscriberCount }, async () => {
  // Counts the events read in order from the first; stops at the first out of place.
  let expected = 0;
  for await (const item of publisher.subscribe(topic, { lastEventId: anchor })) {
    if (item.data !== expected) break;
    if (++expected === eventCount) break;
  }
  return expected;
});
for (let i = 0; i < eventCount; i++) {
  await publisher.publish(topic, i);
}
const histogram = {};
for (const read of await Promise.all(readers)) {
  histogram[read] = (histogram[read] ?? 0) + 1;
}
const ms = Math.round(performance.now() - started);
await app.close();
process.stdout.write(`${JSON.stringify({ histogram, ms })}\n`);
