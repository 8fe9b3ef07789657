import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { getRpcContext } from '../invoke/rpc-call-context.js';

/**
 * The last event id the client saw of an earlier stream, so that a streaming function resumes after
 * it: the request's `"lastEventId"` (WebSocket, JSON-RPC, a plain POST) or, over Server-Sent Events,
 * the `Last-Event-ID` header. `undefined` on a first call (and outside an RPC call).
 *
 * @example
 * @RpcFunction() async *watch(@RpcLastEventId() lastEventId?: string) {
 *   yield* this.publisher.subscribe('notifications', { lastEventId });
 * }
 */
export const RpcLastEventId: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => getRpcContext(context)?.lastEventId,
);
