import type { RpcCallOptions } from './rpc-call.options.js';

/** The reason a call that ran out of time rejects with: a `DOMException` named `TimeoutError`, as `AbortSignal.timeout()` uses. */
export function timeoutError(ms: number): DOMException {
  return new DOMException(`Timed out after ${ms} ms`, 'TimeoutError');
}

/** The reason of our own abort, when a loop leaves a stream before its end. */
function streamClosed(): DOMException {
  return new DOMException('The stream was closed', 'AbortError');
}

/** A call's own timeout, else the client's; only a positive one counts. */
function timeoutOf(options: RpcCallOptions, clientTimeout: number | undefined): number | undefined {
  const ms = options.timeout ?? clientTimeout;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/**
 * One call's deadline: the caller's signal, its timeout (else the client's) and an abort of ours,
 * as one `signal`, aborted with the first reason that comes. Every place that waits on the server
 * (a fetch, a retry's pause, a socket's answer, a stream's next frame) waits through one of these, so
 * a timeout and an abort reject the same way everywhere. `dispose()` clears the timer and unhooks the
 * caller's signal: a signal shared by many calls must not collect a listener per call.
 */
export class CallDeadline {
  private readonly controller = new AbortController();
  private timer?: ReturnType<typeof setTimeout>;
  private unlink?: () => void;
  /** Aborted with the caller's reason, a `TimeoutError`, or ours (`abort()`). */
  readonly signal: AbortSignal = this.controller.signal;

  constructor(options: RpcCallOptions = {}, clientTimeout?: number) {
    const { signal } = options;
    if (signal?.aborted) {
      this.controller.abort(signal.reason);
      return;
    }
    if (signal) {
      const onAbort = () => this.controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      this.unlink = () => signal.removeEventListener('abort', onAbort);
    }
    const ms = timeoutOf(options, clientTimeout);
    if (ms !== undefined) {
      this.timer = setTimeout(() => this.controller.abort(timeoutError(ms)), ms);
    }
  }

  /** Whether a call with these options can end early at all (when not, nothing needs to race its answer). */
  static applies(options: RpcCallOptions, clientTimeout?: number): boolean {
    return options.signal !== undefined || timeoutOf(options, clientTimeout) !== undefined;
  }

  /** The answer started: a stream may now take as long as it takes (the caller's signal still stops it). */
  started(): void {
    clearTimeout(this.timer);
  }

  /** Ends the call from our side (a loop left its stream): whatever waits on `signal` stops. */
  abort(reason: unknown = streamClosed()): void {
    this.controller.abort(reason);
    this.dispose();
  }

  /** Clears the timer and the listener on the caller's signal; the call is over. */
  dispose(): void {
    clearTimeout(this.timer);
    this.unlink?.();
    this.unlink = undefined;
  }

  /**
   * `result`, or a rejection with `signal`'s reason if the deadline comes first. The result still
   * settles later and is dropped (a batch goes on for its other calls, a socket keeps its answer order).
   */
  race<T>(result: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      if (this.signal.aborted) {
        result.catch(() => undefined); // dropped: its failure is nobody's to handle
        return onAbort();
      }
      this.signal.addEventListener('abort', onAbort, { once: true });
      const unhook = () => this.signal.removeEventListener('abort', onAbort);
      result.then(
        value => {
          unhook();
          resolve(value);
        },
        error => {
          unhook();
          reject(error);
        },
      );
    });
  }

  /** Waits `ms` between attempts; the deadline ends the wait (and its timer) early. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) {
        return reject(this.signal.reason);
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/**
 * A call's own abort signal and timeout (else the client's) racing an answer that cannot be
 * aborted itself (a socket's, a batch's share): see `CallDeadline.race`. Without either, the answer
 * as it is.
 */
export function withDeadline<T>(result: Promise<T>, options: RpcCallOptions = {}, clientTimeout?: number): Promise<T> {
  if (!CallDeadline.applies(options, clientTimeout)) {
    return result;
  }
  const deadline = new CallDeadline(options, clientTimeout);
  return deadline.race(result).finally(() => deadline.dispose());
}
