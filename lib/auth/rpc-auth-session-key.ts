import type { RpcSessionRule } from '../interfaces/rpc-access-rules.interface.js';

/**
 * A session rule: passes when the session holds `key` with one of `allowedValues`
 * (strict equality, so `1` never passes a `[true]` rule).
 *
 * @example new RpcAuthSessionKey('logged_in', [true])
 */
export class RpcAuthSessionKey implements RpcSessionRule {
  constructor(
    readonly key: string,
    readonly allowedValues: readonly unknown[],
  ) {}

  /** Whether `session` satisfies this rule; no session at all fails. */
  check(session: unknown): boolean {
    if (session === null || typeof session !== 'object') {
      return false;
    }
    const value = readSessionValue(session as Record<string, unknown>, this.key);
    return value !== ABSENT && this.allowedValues.some(allowed => allowed === value);
  }
}

const ABSENT = Symbol('absent');

/**
 * express-session keeps values as own properties; Fastify's session plugins keep them
 * behind `get(key)`. Inherited names (`constructor`, `__proto__`) are never session values.
 */
function readSessionValue(session: Record<string, unknown>, key: string): unknown {
  if (Object.hasOwn(session, key)) {
    return session[key];
  }
  const get = (session as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value = get.call(session, key);
    return value === undefined ? ABSENT : value;
  }
  return ABSENT;
}
