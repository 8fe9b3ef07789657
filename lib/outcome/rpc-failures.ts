import { RpcMessages } from '../weerpc.messages.js';
import type { RpcFailure, RpcFailureKind, RpcOutcome } from './rpc-outcome.interface.js';

/** A failure outcome of the module, with its kind for codecs that have error codes or statuses. */
export function rpcFailure(kind: RpcFailureKind, message: string, data: unknown = null): RpcFailure {
  return { ok: false, kind, message, data };
}

/** The failures whose message never changes, built once. */
export const FAILURES = {
  notJson: rpcFailure('not-json', RpcMessages.notJson),
  empty: rpcFailure('empty', RpcMessages.empty),
  invalidRequest: rpcFailure('invalid-request', RpcMessages.invalidRequest),
  invalidVersion: rpcFailure('invalid-version', RpcMessages.invalidVersion),
  invalidFunction: rpcFailure('invalid-function', RpcMessages.invalidFunction),
  noFunctions: rpcFailure('no-functions', RpcMessages.noFunctions),
  unauthorized: rpcFailure('unauthorized', RpcMessages.unauthorized),
  tooLarge: rpcFailure('too-large', RpcMessages.tooLarge),
  timedOut: rpcFailure('timed-out', RpcMessages.timedOut),
  noResult: rpcFailure('no-result', RpcMessages.noResult),
  internal: rpcFailure('internal', RpcMessages.internalError),
  busy: rpcFailure('busy', RpcMessages.busy),
  shuttingDown: rpcFailure('shutting-down', RpcMessages.shuttingDown),
  /** An internal error to the client: the call may have run, so it is not `shutting-down`'s "did not run". */
  unfinishedAtShutdown: rpcFailure('internal', RpcMessages.unfinishedAtShutdown),
} as const;

/** The kind of an outcome, when the module made it; `undefined` for successes and `RpcResponse.fail`. */
export function failureKindOf(outcome: RpcOutcome): RpcFailureKind | undefined {
  return (outcome as Partial<RpcFailure>).kind;
}
