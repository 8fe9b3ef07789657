import type { RpcAccessRules, RpcSessionRule } from '../interfaces/rpc-access-rules.interface.js';
import { FAILURES, rpcFailure } from '../outcome/rpc-failures.js';
import type { RpcFailure } from '../outcome/rpc-outcome.interface.js';
import { RpcMessages } from '../weerpc.messages.js';

export const NO_ACCESS_RULES: RpcAccessRules = { session: [], hostLists: [] };

/** Session rules first, then hosts: the failure of the first rule that fails, or null when all hold. */
export function checkAccess(rules: RpcAccessRules, session: unknown, host: string | undefined): RpcFailure | null {
  for (const rule of rules.session) {
    if (!rule.check(session)) {
      return FAILURES.unauthorized;
    }
  }
  for (const hosts of rules.hostLists) {
    if (host === undefined || !hosts.includes(host)) {
      return rpcFailure('unauthorized', RpcMessages.unauthorizedHost(host));
    }
  }
  return null;
}

/** Normalises the user-facing `sessionAuth` / `hostAuth` values into rules. */
export function toAccessRules(
  sessionAuth: RpcSessionRule | readonly RpcSessionRule[] | undefined,
  hostAuth: readonly string[] | undefined,
): RpcAccessRules {
  const session = sessionAuth === undefined ? [] : Array.isArray(sessionAuth) ? [...sessionAuth] : [sessionAuth as RpcSessionRule];
  return { session, hostLists: hostAuth ? [[...hostAuth]] : [] };
}
