import { RpcMessages } from '../weerpc.messages.js';
import type { RpcAuthSessionKey } from './rpc-auth-session-key.js';

/** The auth rules of an endpoint or a function, copied once at bootstrap. */
export interface RpcAccessRules {
  /** Every rule must pass. */
  readonly session: readonly RpcAuthSessionKey[];
  /** The Host header must be in every list. */
  readonly hostLists: readonly (readonly string[])[];
}

export const NO_ACCESS_RULES: RpcAccessRules = { session: [], hostLists: [] };

/** Session rules first, then hosts; the failure message of the first rule that fails, or null. */
export function checkAccess(
  rules: RpcAccessRules,
  session: unknown,
  host: string | undefined,
): string | null {
  for (const rule of rules.session) {
    if (!rule.check(session)) {
      return RpcMessages.unauthorized;
    }
  }
  for (const hosts of rules.hostLists) {
    if (host === undefined || !hosts.includes(host)) {
      return RpcMessages.unauthorizedHost(host);
    }
  }
  return null;
}

/** Joins rules that must all hold (endpoint and function, class and method). */
export function combineAccessRules(...parts: RpcAccessRules[]): RpcAccessRules {
  return {
    session: parts.flatMap(part => part.session),
    hostLists: parts.flatMap(part => part.hostLists),
  };
}

/** Normalises the user-facing `sessionAuth` / `hostAuth` values into rules. */
export function toAccessRules(
  sessionAuth: RpcAuthSessionKey | readonly RpcAuthSessionKey[] | undefined,
  hostAuth: readonly string[] | undefined,
): RpcAccessRules {
  const session = sessionAuth === undefined ? [] : Array.isArray(sessionAuth) ? [...sessionAuth] : [sessionAuth as RpcAuthSessionKey];
  return { session, hostLists: hostAuth ? [[...hostAuth]] : [] };
}
