import type { INestApplication } from '@nestjs/common';
import { WeeRpcTransport } from 'nestjs-weerpc/microservices';
import { redisOptionsFromUrl } from './redis-url.js';

/** The endpoint whose functions the Redis transport serves: the root one (`add_numbers`, `count_to`, ...). */
export const REDIS_SERVED_ENDPOINT = '/rpc';

/**
 * Connects the Redis transport to the app, so that another Nest app's
 * `client.send('add_numbers', [1, 2, 3])` reaches the same function as a POST to `/rpc`; it
 * starts with `app.startAllMicroservices()`.
 *
 * No `session` hook: a message carries no cookie, so `add_string_auth_session` (and any session
 * rule) fails closed over Redis with `Unauthorized.`, and the host-scoped function with
 * `Unauthorized ()` (no `Host` off HTTP). Whoever can publish to this Redis can call the rest.
 */
export function connectRedisTransport(app: INestApplication, redisUrl: string): void {
  app.connectMicroservice({ strategy: WeeRpcTransport.redis(app, redisOptionsFromUrl(redisUrl), { endpoint: REDIS_SERVED_ENDPOINT }) });
}
