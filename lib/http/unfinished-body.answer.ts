import type { RpcEndpoint } from '../dispatch/rpc-endpoint.interface.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcAnswer } from '../outcome/rpc-outcome.interface.js';

/**
 * The answer the HTTP layer sends at once, before any other middleware, for a body it stopped
 * reading (far too large, or not whole within `bodyTimeout`); `null` when the body was read to
 * its end and the dispatcher answers, endpoint auth first.
 */
export function unfinishedBodyAnswer(endpoint: RpcEndpoint, body: RpcBody, complete: boolean): RpcAnswer | null {
  if (complete) {
    return null;
  }
  if (body.kind === 'too-large') {
    return endpoint.answers.tooLarge;
  }
  if (body.kind === 'timed-out') {
    return endpoint.answers.timedOut;
  }
  return null;
}
