import type { RpcAccessRules, RpcSessionRule } from '../interfaces/rpc-access-rules.interface.js';

/**
 * The `x-weerpc-*` extensions naming what guards a function or an endpoint: the session keys of
 * its session rules (`RpcAuthSessionKey('logged_in', ...)` is `logged_in`; another rule is its
 * class name) and whether a host list applies. Allowed values and hosts are never shown.
 */
export function accessExtensions(rules: RpcAccessRules): { 'x-weerpc-session-auth'?: string[]; 'x-weerpc-host-auth'?: true } {
  return {
    ...(rules.session.length > 0 && { 'x-weerpc-session-auth': [...new Set(rules.session.map(ruleName))] }),
    ...(rules.hostLists.length > 0 && { 'x-weerpc-host-auth': true as const }),
  };
}

function ruleName(rule: RpcSessionRule): string {
  const key = (rule as { key?: unknown }).key;
  return typeof key === 'string' ? key : rule.constructor.name;
}
