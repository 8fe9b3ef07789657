import type { ExecutionContext } from '@nestjs/common';

/**
 * What an RPC call is about, handed to guards, interceptors and filters as the third
 * argument of the execution context (HTTP's `next` slot). Read it with `getRpcContext`.
 */
export class RpcCallContext {
  constructor(
    /** The called function's public name. */
    readonly functionName: string,
    /** The endpoint's full route (`/api/rpc`). */
    readonly endpointPath: string,
    /** The call's `data`, before pipes. */
    readonly data: unknown,
    /** The protocol the call came in (`'weerpc/1.1'`). */
    readonly protocol: string,
    /**
     * The last event id the client saw of an earlier stream (the request's `lastEventId`, or the
     * `Last-Event-ID` header of a Server-Sent Events request), for the function to resume after it;
     * `undefined` on a first call. Read it with `@RpcLastEventId()`.
     */
    readonly lastEventId?: string,
  ) {}
}

/**
 * The RPC details of an execution context, or `undefined` when the context is not an RPC call.
 *
 * @example const rpc = getRpcContext(context); if (rpc?.functionName === 'delete') { ... }
 */
export function getRpcContext(context: ExecutionContext): RpcCallContext | undefined {
  const candidate = context.getArgByIndex(2) as unknown;
  return candidate instanceof RpcCallContext ? candidate : undefined;
}
