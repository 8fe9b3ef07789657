import { tooLargeAnswer } from '../dispatch/weerpc.dispatcher.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcHttpAnswer } from '../interfaces/rpc-codec.interface.js';
import type { RpcEndpoint } from '../interfaces/rpc-endpoint.interface.js';
import { RpcMessages } from '../weerpc.messages.js';

/** weeRPC sends it with HTTP 408; a protocol without statuses (JSON-RPC) as a server error. */
const TIMED_OUT = { outcome: { ok: false, message: RpcMessages.timedOut, data: null }, status: 408 } as const;

/**
 * The answer the HTTP layer sends at once, before any other middleware, for a body it stopped
 * reading (far too large, or not whole within `bodyTimeout`); `null` when the body was read to
 * its end and the dispatcher answers, endpoint auth first.
 */
export function unfinishedBodyAnswer(endpoint: RpcEndpoint, body: RpcBody, complete: boolean): RpcHttpAnswer | null {
  if (complete) {
    return null;
  }
  if (body.kind === 'too-large') {
    return tooLargeAnswer(endpoint);
  }
  if (body.kind === 'timed-out') {
    return endpoint.codec.answer(TIMED_OUT, null);
  }
  return null;
}
