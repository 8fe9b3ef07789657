import type { ExternalContextCreator } from '@nestjs/core';
import { EmptyError, isObservable, type Observable, type Subscription } from 'rxjs';
import { BootstrapMessages } from '../weerpc.messages.js';
import { pacedObservable, RpcPushSource, RpcStreamSource } from './rpc-stream.source.js';

type Next = () => Promise<unknown>;

/** The part of Nest's interceptors consumer that `ExternalContextCreator` calls per call. */
interface InterceptorsConsumerLike {
  intercept(interceptors: unknown[], args: unknown[], instance: object, callback: Function, next: Next, type?: string): Promise<unknown>;
}

/**
 * `ExternalContextCreator` ends every Observable with `lastValueFrom` (its `transformToResult`),
 * both a function's own and the interceptors' chain around any result, so a stream would arrive
 * as its last item. The invokers are therefore created through a delegate of the shared creator
 * (`Object.create`, nothing of Nest's is changed) that hands results back as they are:
 *
 * - no interceptors: the function's result goes through untouched (one promise fewer than Nest's
 *   own path); the dispatcher's single `isStreamable` check tells a stream;
 * - interceptors: the chain is an Observable whatever the function returned (Nest wraps plain
 *   values too), so the function's own result is looked at where the chain calls it: a stream
 *   is turned into an Observable the interceptors see item by item (an `AsyncIterable` paced by
 *   the reader), and the chain becomes an `RpcPushSource`; otherwise the chain ends as
 *   `lastValueFrom` would end it.
 */
export function createStreamAwareContextCreator(creator: ExternalContextCreator): ExternalContextCreator {
  const base = (creator as unknown as { interceptorsConsumer?: InterceptorsConsumerLike }).interceptorsConsumer;
  if (typeof base?.intercept !== 'function' || typeof (creator as unknown as Record<string, unknown>).transformToResult !== 'function') {
    throw new Error(BootstrapMessages.noInterceptorsConsumer);
  }
  const consumer = Object.create(base) as InterceptorsConsumerLike;
  consumer.intercept = (interceptors, args, instance, callback, next, type) => {
    if (!interceptors || interceptors.length === 0) {
      return next();
    }
    const call = new InterceptedCall(next);
    return base.intercept
      .call(base, interceptors, args, instance, callback, call.next, type)
      .then(chain => (isObservable(chain) ? call.settle(chain) : chain));
  };
  return Object.create(creator, {
    interceptorsConsumer: { value: consumer },
    transformToResult: { value: passThrough },
  }) as ExternalContextCreator;
}

function passThrough(result: unknown): unknown {
  return result;
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
          } else {
            seen ? resolve(last) : reject(new EmptyError());
          }
        },
      });
      // The function may have answered while subscribing (a synchronous chain).
      this.source?.attach(subscription);
    });
  }
}
