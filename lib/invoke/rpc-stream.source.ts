import { ServiceUnavailableException } from '@nestjs/common';
import { isObservable, Observable, type Subscription } from 'rxjs';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { RpcMessages } from '../weerpc.messages.js';

/** Items an Observable may push ahead of a reader before its stream fails (a push source cannot be paused). */
export const STREAM_BUFFER_LIMIT = 1024;

/**
 * A function's streamed result (an `AsyncIterable` or an rxjs `Observable`), read one item at a
 * time. `cancel()` stops the producer: `return()` on the iterator, `unsubscribe()` on the Observable.
 */
export abstract class RpcStreamSource implements AsyncIterable<unknown>, RpcOutcome {
  /** A stream that started is a success so far (its failures come as its final event). */
  readonly ok = true;
  readonly message = null;
  readonly data = null;

  abstract next(): Promise<IteratorResult<unknown>>;
  abstract cancel(): void;

  /** A source is itself streamable, so that one check finds streams whether interceptors made them or not. */
  [Symbol.asyncIterator](): AsyncIterator<unknown> {
    return this;
  }

  /** Whether a function's result streams: the one check on the plain path. */
  static isStreamable(result: unknown): result is AsyncIterable<unknown> | Observable<unknown> {
    return (
      typeof result === 'object' &&
      result !== null &&
      (typeof (result as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator] === 'function' || isObservable(result))
    );
  }

  /** One value as a stream of one item (a function that does not stream, asked for a stream over a socket). */
  static single(value: unknown): RpcStreamSource {
    return new RpcPullSource(oneItem(value));
  }

  /** The source of a result `isStreamable` accepted. */
  static of(result: AsyncIterable<unknown> | Observable<unknown>): RpcStreamSource {
    if (result instanceof RpcStreamSource) {
      return result;
    }
    return isObservable(result) ? new RpcPushSource().subscribeTo(result) : new RpcPullSource(result);
  }
}

/** An `AsyncIterable`: pulled only when the reader asks, so a slow reader pauses the producer. */
export class RpcPullSource extends RpcStreamSource {
  private readonly iterator: AsyncIterator<unknown>;

  constructor(iterable: AsyncIterable<unknown>) {
    super();
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  next(): Promise<IteratorResult<unknown>> {
    return this.iterator.next();
  }

  cancel(): void {
    // An async generator queues return() behind a pending next(): it stops right after that item.
    this.iterator.return?.()?.catch(() => undefined);
  }
}

/**
 * An Observable (a function's own, or the interceptors' chain around a stream): items pushed
 * into a bounded queue. `ready()` lets a producer that can wait (an `AsyncIterable` seen through
 * interceptors) keep the queue short; one that cannot fails the stream past `limit` items.
 */
export class RpcPushSource extends RpcStreamSource {
  private readonly queue: unknown[] = [];
  private ended = false;
  private failed = false;
  private error: unknown;
  private subscription?: Subscription;
  private waiter?: () => void;
  private readyWaiter?: () => void;

  constructor(private readonly limit = STREAM_BUFFER_LIMIT) {
    super();
  }

  subscribeTo(observable: Observable<unknown>): this {
    this.attach(observable.subscribe({ next: item => this.push(item), error: error => this.fail(error), complete: () => this.end() }));
    return this;
  }

  /** Keeps the subscription, to end it on `cancel()`. */
  attach(subscription: Subscription): void {
    this.subscription = subscription;
    if (this.ended) {
      subscription.unsubscribe();
    }
  }

  push(item: unknown): void {
    if (this.ended) {
      return;
    }
    if (this.queue.length >= this.limit) {
      this.fail(new ServiceUnavailableException(RpcMessages.streamOverflow));
      this.subscription?.unsubscribe();
      return;
    }
    this.queue.push(item);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    if (this.ended) {
      return;
    }
    this.failed = true;
    this.error = error;
    this.end();
  }

  next(): Promise<IteratorResult<unknown>> {
    if (this.queue.length > 0) {
      const value = this.queue.shift();
      this.wakeProducer();
      return Promise.resolve({ done: false, value });
    }
    if (this.ended) {
      return this.failed ? Promise.reject(this.error) : Promise.resolve({ done: true, value: undefined });
    }
    return new Promise<void>(resolve => (this.waiter = resolve)).then(() => this.next());
  }

  cancel(): void {
    this.ended = true;
    this.queue.length = 0;
    this.subscription?.unsubscribe();
    this.wake();
    this.wakeProducer();
  }

  /** Resolves when the queue has room for a producer that can wait: half the limit, so it does not stutter. */
  ready(): Promise<void> | undefined {
    if (this.ended || this.queue.length < this.limit / 2) {
      return undefined;
    }
    return new Promise<void>(resolve => (this.readyWaiter = resolve));
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private wakeProducer(): void {
    if (this.readyWaiter && (this.ended || this.queue.length < this.limit / 2)) {
      const waiter = this.readyWaiter;
      this.readyWaiter = undefined;
      waiter();
    }
  }
}

/**
 * An `AsyncIterable` as an Observable for the interceptors, pulling the next item only when
 * `source` has room: back-pressure survives synchronous operators (`map`, `tap`) in between.
 */
export function pacedObservable(iterable: AsyncIterable<unknown>, source: RpcPushSource): Observable<unknown> {
  return new Observable(subscriber => {
    const iterator = iterable[Symbol.asyncIterator]();
    let stopped = false;
    void (async () => {
      try {
        while (!stopped) {
          await source.ready();
          if (stopped) {
            break;
          }
          const { done, value } = await iterator.next();
          if (done) {
            subscriber.complete();
            return;
          }
          subscriber.next(value);
        }
      } catch (error) {
        subscriber.error(error);
      }
    })();
    return () => {
      stopped = true;
      iterator.return?.()?.catch(() => undefined);
    };
  });
}

async function* oneItem(value: unknown): AsyncGenerator<unknown, void, undefined> {
  yield value;
}
