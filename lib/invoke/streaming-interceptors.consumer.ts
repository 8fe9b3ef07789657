import { InterceptorsConsumer } from '@nestjs/core/internal';
import { EmptyError, isObservable, type Observable, type Subscription } from 'rxjs';
import { pacedObservable, RpcPushSource, RpcStreamSource } from './rpc-stream.source.js';

type Next = () => Promise<unknown>;

/**
 * Nest's interceptors consumer, for RPC functions that stream. `ExternalContextCreator` ends an
 * Observable it gets back with `lastValueFrom`, so a stream would arrive as its last item; this
 * consumer never hands it one:
 *
 * - no interceptors: a function's Observable becomes its `RpcStreamSource` (anything else goes
 *   through untouched);
 * - interceptors: the chain is an Observable whatever the function returned, so the function's own
 *   result is looked at where the chain calls it: a stream becomes an Observable the interceptors
 *   see item by item (an `AsyncIterable` paced by the reader) and the chain an `RpcPushSource`;
 *   otherwise the chain ends as `lastValueFrom` would end it.
 */
export class StreamingInterceptorsConsumer extends InterceptorsConsumer {
  override intercept(
    interceptors: unknown[],
    args: unknown[],
    instance: object,
    callback: (...args: unknown[]) => unknown,
    next: Next,
    type?: string,
  ): Promise<unknown> {
    if (!interceptors || interceptors.length === 0) {
      // One `then`, not an async function: this is the path of every call without interceptors.
      return next().then(keepStream);
    }
    const call = new InterceptedCall(next);
    return super
      .intercept(interceptors as never[], args, instance as never, callback, call.next, type as never)
      .then(chain => (isObservable(chain) ? call.settle(chain) : chain));
  }
}

/** A function's own Observable, as a stream the creator will not end with `lastValueFrom`. */
function keepStream(result: unknown): unknown {
  return isObservable(result) ? RpcStreamSource.of(result) : result;
}

/** One call through interceptors: finds out whether the function streamed, then settles the chain. */
class InterceptedCall {
  private source?: RpcPushSource;
  private announce?: (source: RpcPushSource) => void;

  constructor(private readonly handler: Next) {}

  /** What the chain calls in place of the function: a stream becomes an Observable of its items. */
  readonly next = async (): Promise<unknown> => {
    const result = await this.handler();
    if (!RpcStreamSource.isStreamable(result)) {
      return result;
    }
    const source = (this.source = new RpcPushSource());
    this.announce?.(source);
    return isObservable(result) ? result : pacedObservable(result, source);
  };

  /** The stream, as soon as the function returned one; otherwise the chain's last value (as `lastValueFrom`). */
  settle(chain: Observable<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let last: unknown;
      let seen = false;
      // eslint-disable-next-line prefer-const -- announce() may run inside subscribe(), before a const would be initialised
      let subscription: Subscription | undefined;
      this.announce = source => {
        if (subscription) {
          source.attach(subscription);
        }
        resolve(source);
      };
      subscription = chain.subscribe({
        next: item => {
          if (this.source) {
            this.source.push(item);
          } else {
            last = item;
            seen = true;
          }
        },
        error: error => (this.source ? this.source.fail(error) : reject(error)),
        complete: () => {
          if (this.source) {
            this.source.end();
          } else if (seen) {
            resolve(last);
          } else {
            reject(new EmptyError());
          }
        },
      });
      // The function may have answered while subscribing (a synchronous chain).
      this.source?.attach(subscription);
    });
  }
}
