import type { RpcFailure, RpcFailureKind } from '../interfaces/rpc-failure.interface.js';
import type { RpcOutcome } from '../interfaces/rpc-outcome.interface.js';
import { RpcMessages } from '../weerpc.messages.js';

/** A failure outcome of the module, with its kind for codecs that have error codes. */
export function rpcFailure(kind: RpcFailureKind, message: string, data: unknown = null): RpcFailure {
  return { ok: false, kind, message, data };
}

/** Failures every protocol shares, built once. */
export const FAILURES = {
  notJson: rpcFailure('not-json', RpcMessages.notJson),
  empty: rpcFailure('empty', RpcMessages.empty),
  invalidRequest: rpcFailure('invalid-request', RpcMessages.invalidRequest),
  invalidVersion: rpcFailure('invalid-version', RpcMessages.invalidVersion),
  invalidFunction: rpcFailure('invalid-function', RpcMessages.invalidFunction),
  noFunctions: rpcFailure('no-functions', RpcMessages.noFunctions),
  unauthorized: rpcFailure('unauthorized', RpcMessages.unauthorized),
  tooLarge: rpcFailure('too-large', RpcMessages.tooLarge),
  noResult: rpcFailure('no-result', RpcMessages.noResult),
  internal: rpcFailure('internal', RpcMessages.internalError),
} as const;

/** The kind of an outcome, when the module made it; `undefined` for successes and `RpcResponse.fail`. */
export function failureKindOf(outcome: RpcOutcome): RpcFailureKind | undefined {
  return (outcome as Partial<RpcFailure>).kind;
}
