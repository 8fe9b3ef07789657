import type { RpcFailureKind } from '../outcome/rpc-outcome.interface.js';
import { JSON_RPC_ERRORS, JsonRpcErrorCode } from '../protocol/jsonrpc-errors.js';
import { OpenRpcMessages, RpcMessages } from '../weerpc.messages.js';
import type { OpenRpcError } from './openrpc-document.interface.js';

/** The errors any call of a function can meet once it reached the function, from the protocol's table. */
const CALL_ERRORS: readonly OpenRpcError[] = [
  errorOf('invalid-data', RpcMessages.invalidData),
  errorOf('rejected', OpenRpcMessages.rejected),
  errorOf('no-result', RpcMessages.noResult),
  errorOf('internal', RpcMessages.internalError),
  { code: JsonRpcErrorCode.FunctionFailed, message: OpenRpcMessages.functionFailed },
];
const UNAUTHORIZED = errorOf('unauthorized', RpcMessages.unauthorized);

/** A method's `errors`: the call errors, and `Unauthorized` when a session or host rule guards it. */
export function methodErrors(guarded: boolean): OpenRpcError[] {
  const errors = guarded ? [UNAUTHORIZED, ...CALL_ERRORS] : [...CALL_ERRORS];
  return errors.sort((a, b) => b.code - a.code);
}

function errorOf(kind: RpcFailureKind, fallback: string): OpenRpcError {
  const { code, message } = JSON_RPC_ERRORS[kind];
  return { code, message: message ?? fallback };
}
