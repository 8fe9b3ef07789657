import type { Readable } from 'node:stream';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import { OVERSIZED_BODY_DRAIN_FACTOR } from '../weerpc.constants.js';
import { clearBodyDeadline, startBodyDeadline } from './body-deadlines.js';

/** Over the limit, but read to its end (drained): the connection can carry the next request. */
export const TOO_LARGE: RpcBody = { kind: 'too-large' };
/** Over the limit and not read to its end: the rest is left unread, the connection must close. */
export const TOO_LARGE_UNREAD: RpcBody = { kind: 'too-large' };
/** Not whole within `bodyTimeout`: the rest is left unread, the connection must close. */
export const TIMED_OUT: RpcBody = { kind: 'timed-out' };

/**
 * Whether `readBody` stopped reading before the body's end. Decided by what this reader did, not
 * by `request.complete`: Node's parser goes on parsing into the paused stream, so `complete` can
 * turn true after reading stopped (the rest arrived while the app's hooks delayed the answer),
 * and an answer that then kept the connection alive did so on a socket whose request stream was
 * left paused holding the unread rest.
 */
export function stoppedReading(body: RpcBody): boolean {
  return body === TOO_LARGE_UNREAD || body === TIMED_OUT;
}

/**
 * Reads a request body up to `limit` bytes, counting what arrives (Content-Length and chunked alike).
 * An oversized body is read on and thrown away up to 8× the limit, so that a client still sending
 * gets the 413 rather than a broken pipe; past that, or when Content-Length already says so, reading
 * stops (`TOO_LARGE_UNREAD`) and the answer closes the connection. A body not whole after
 * `timeoutMs` (0: no limit) is given up the same way (`TIMED_OUT`), so a stalled client holds no half body. Resolves `null` when the client
 * went away. Either way every listener and the timer are removed and the chunks dropped.
 */
export function readBody(request: Readable, limit: number, contentLength: string | undefined, timeoutMs = 0): Promise<RpcBody | null> {
  const drainLimit = limit * OVERSIZED_BODY_DRAIN_FACTOR;
  const declared = Number(contentLength);
  if (declared > drainLimit) {
    return Promise.resolve(TOO_LARGE_UNREAD);
  }
  return new Promise(resolve => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (body: RpcBody | null) => {
      if (done) {
        return;
      }
      done = true;
      if (deadline) {
        clearBodyDeadline(deadline);
      }
      chunks.length = 0;
      request.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      chunks.length = 0;
      if (size > drainLimit) {
        request.pause();
        finish(TOO_LARGE_UNREAD);
      }
    };
    const onEnd = () => finish(size > limit ? TOO_LARGE : { kind: 'bytes', bytes: Buffer.concat(chunks, size) });
    const onGone = () => finish(null);
    const onTimeout = () => {
      request.pause();
      finish(TIMED_OUT);
    };
    const deadline = timeoutMs > 0 ? startBodyDeadline(timeoutMs, onTimeout) : undefined;
    request.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
}
