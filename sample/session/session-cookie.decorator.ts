import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { SESSION_COOKIE } from '../sample.config.js';

/** What logout does with the session cookie. */
export interface SessionCookieJar {
  /** Tells the browser to drop the session cookie (an empty value that expired in 1970). */
  clear(): void;
}

/** Express's `res` and Fastify's reply (with @fastify/cookie) both clear a cookie by that name. */
interface CookieClearingResponse {
  clearCookie(name: string, options: { path: string }): unknown;
}

/**
 * The call's session cookie, to clear at logout, on both adapters: the function sees one small
 * holder instead of `@Res()` and two response types.
 */
export const SessionCookie = createParamDecorator((_data: unknown, context: ExecutionContext): SessionCookieJar => {
  const response = context.switchToHttp().getResponse<CookieClearingResponse>();
  return { clear: () => void response.clearCookie(SESSION_COOKIE, { path: '/' }) };
});
