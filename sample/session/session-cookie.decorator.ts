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
 * The call's session cookie, to clear at logout, on both adapters. Not `@Res()`: Nest's pipes
 * await a parameter value that has a `then`, and a Fastify reply has one that settles only once
 * the reply is sent, so with the app's global `ValidationPipe` a `@Res()` parameter would wait
 * for ever on Fastify. This holder has no `then`.
 */
export const SessionCookie = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionCookieJar => {
    const response = context.switchToHttp().getResponse<CookieClearingResponse>();
    return { clear: () => void response.clearCookie(SESSION_COOKIE, { path: '/' }) };
  },
);
