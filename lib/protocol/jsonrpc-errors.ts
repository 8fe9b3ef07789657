import type { RpcFailureKind } from '../outcome/rpc-outcome.interface.js';
import { JsonRpcMessages } from '../weerpc.messages.js';

/**
 * The JSON-RPC 2.0 error codes this module answers with: the specification's five, then ours
 * in its server range (-32000 to -32099).
 */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** The function answered `RpcResponse.fail(message, data)`. */
  FunctionFailed: -32000,
  /** The function returned nothing: `Unsuccessful command execution.`. */
  NoResult: -32001,
  /** A session or host rule (endpoint or function) failed. */
  Unauthorized: -32002,
  /** An `HttpException` was thrown (a guard's `Forbidden resource` included). */
  Rejected: -32003,
  NoFunctions: -32004,
  TooLarge: -32005,
  /** A JSON-RPC 2.0 request on an endpoint whose `protocols` leave it out. */
  NotAccepted: -32006,
  /** The body was not whole within the endpoint's `bodyTimeout` (sent with HTTP 408). */
  TimedOut: -32007,
  /** A WebSocket call asking for a stream beyond the socket's `maxInFlight` open streams. */
  Busy: -32008,
  /** The server is draining (shutting down): the call did not run, or a stream was ended; call again (another instance). */
  ShuttingDown: -32009,
} as const;

/** The code of a failure kind, and the specification's fixed message where the code has one. */
export const JSON_RPC_ERRORS: Readonly<Record<RpcFailureKind, { readonly code: number; readonly message?: string }>> = {
  'not-json': { code: JsonRpcErrorCode.ParseError, message: JsonRpcMessages.parseError },
  empty: { code: JsonRpcErrorCode.InvalidRequest, message: JsonRpcMessages.invalidRequest },
  'invalid-request': { code: JsonRpcErrorCode.InvalidRequest, message: JsonRpcMessages.invalidRequest },
  'invalid-function': { code: JsonRpcErrorCode.MethodNotFound, message: JsonRpcMessages.methodNotFound },
  'invalid-data': { code: JsonRpcErrorCode.InvalidParams, message: JsonRpcMessages.invalidParams },
  internal: { code: JsonRpcErrorCode.InternalError, message: JsonRpcMessages.internalError },
  'no-result': { code: JsonRpcErrorCode.NoResult },
  unauthorized: { code: JsonRpcErrorCode.Unauthorized },
  rejected: { code: JsonRpcErrorCode.Rejected },
  'no-functions': { code: JsonRpcErrorCode.NoFunctions },
  'too-large': { code: JsonRpcErrorCode.TooLarge },
  'timed-out': { code: JsonRpcErrorCode.TimedOut },
  'invalid-version': { code: JsonRpcErrorCode.NotAccepted },
  busy: { code: JsonRpcErrorCode.Busy },
  'shutting-down': { code: JsonRpcErrorCode.ShuttingDown },
};
