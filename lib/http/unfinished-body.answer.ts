import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import { stoppedReading } from './read-body.js';

/**
 * The answer the HTTP layer sends at once, before any other middleware, for a body it stopped
 * reading (far too large, or not whole within `bodyTimeout`); it must go with `Connection: close`.
 * `null` when the body was read to its end and the dispatcher answers, endpoint auth first.
 */
export function unfinishedBodyAnswer(endpoint: RpcEndpoint, body: RpcBody): RpcAnswer | null {
  if (!stoppedReading(body)) {
    return null;
  }
  return body.kind === 'timed-out' ? endpoint.answers.timedOut : endpoint.answers.tooLarge;
}
