/** The instrumentation scope of the module's tracer and meter. */
export const TELEMETRY_SCOPE = 'nestjs-weerpc';

/** OpenTelemetry's RPC semantic conventions (and JSON-RPC's), as the module sets them. */
export const RpcAttribute = {
  system: 'rpc.system',
  method: 'rpc.method',
  jsonRpcVersion: 'jsonrpc.protocol.version',
  jsonRpcRequestId: 'jsonrpc.request.id',
  jsonRpcErrorCode: 'rpc.jsonrpc.error_code',
  jsonRpcErrorMessage: 'rpc.jsonrpc.error_message',
  errorType: 'error.type',
  /** Ours: `ok` or `error`, on the call counter. */
  outcome: 'weerpc.outcome',
} as const;

/** The metric instruments, recorded once per call. */
export const RpcMetric = {
  /** Histogram of each call's duration in milliseconds (semconv's `rpc.server.duration`). */
  duration: 'rpc.server.duration',
  /** Counter of calls per function and outcome. */
  calls: 'weerpc.server.calls',
} as const;

/**
 * What `rpc.method` and the span name read for a function the endpoint does not have: the
 * name a client sent is never recorded, so hostile names cannot blow up a metric's cardinality.
 */
export const UNKNOWN_METHOD = '_OTHER';

/** `error.type` of a function's own `RpcResponse.fail(...)`, which carries no failure kind. */
export const FUNCTION_FAILED = 'function-failed';
