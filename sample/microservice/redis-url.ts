import type { RedisOptions } from '@nestjs/microservices';

/** Nest's Redis transport options: ioredis's connection options. */
export type RedisTransportOptions = Required<RedisOptions>['options'];

/**
 * Nest's Redis transport options from a `redis://[user:password@]host[:port][/db]` URL, as
 * `REDIS_URL` gives it: Nest's transport takes a host and a port, not a URL.
 */
export function redisOptionsFromUrl(url: string): RedisTransportOptions {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const db = parsed && parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!parsed || parsed.protocol !== 'redis:' || !parsed.hostname || !Number.isInteger(db)) {
    throw new Error(`REDIS_URL must be a URL like redis://host:6379 (or redis://user:password@host:6379/0), not '${url}'.`);
  }
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    db,
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
  };
}
