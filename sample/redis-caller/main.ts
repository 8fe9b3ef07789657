// The second app: a Nest application context (no HTTP) that calls the sample's functions over
// Redis. `redis-server &`, `MICROSERVICE=redis npm start`, then `npm run sample:redis-caller`
// (REDIS_URL overrides redis://127.0.0.1:6379). Exits 1 with the reason when nothing answers.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_REDIS_URL } from '../sample.config.js';
import { RedisCallerModule } from './redis-caller.module.js';
import { runRedisCalls } from './redis-calls.js';
import { SampleOverRedis } from './sample-over-redis.service.js';

/** How long the caller waits for Redis, and for each answer. */
const TIMEOUT_MS = 3000;

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  // Nest's own logs (the Redis client's connection chatter) stay quiet: the caller prints its lines.
  const app = await NestFactory.createApplicationContext(RedisCallerModule.register({ redisUrl, timeoutMs: TIMEOUT_MS }), { logger: false });
  try {
    const sample = app.get(SampleOverRedis);
    await sample.connect();
    await runRedisCalls(sample);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(`redis-caller: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
