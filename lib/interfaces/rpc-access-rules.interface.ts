/**
 * A session rule, such as `RpcAuthSessionKey`: whether a request's session may call.
 * Any object with this method can be used where a session rule is expected.
 */
export interface RpcSessionRule {
  /** Whether `session` (the request's session, `undefined` without one) satisfies the rule. */
  check(session: unknown): boolean;
}

/** The auth rules of an endpoint or a function, copied once at bootstrap. */
export interface RpcAccessRules {
  /** Every rule must pass. */
  readonly session: readonly RpcSessionRule[];
  /** The Host header must be in every list. */
  readonly hostLists: readonly (readonly string[])[];
}
