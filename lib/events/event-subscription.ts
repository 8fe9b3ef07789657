import { ServiceUnavailableException } from '@nestjs/common';
import { RpcEventItem } from '../invoke/rpc-event-item.js';
import { EventMessages } from '../weerpc.messages.js';
import { EventQueue } from './event-queue.js';
import { comparePositions, type EventEntry, type EventListener, type EventPosition } from './event-backend.interface.js';

const DONE: IteratorResult<never> = { done: true, value: undefined };

/**
 * One subscriber's events, as the `AsyncIterable` a function returns as its stream: each event once,
 * in order, as an `RpcEventItem` (so its id goes out as the stream's event id).
 *
 * Two feeds fill it: the replay of the events after the subscriber's position, read from the back-end,
 * and the live events the back-end hands over. Live events wait aside while the replay runs (at most
 * `limit`: past that they are let go and the replay runs another round, since the store has them);
 * both go through one cursor, the id of the last event queued, so an event that both feeds bring is
 * queued once and none overtakes an older one. The queue is bounded by `limit`: past it the
 * subscriber is too slow, its events are dropped and its next read fails
 * (`Subscriber too slow: its events were dropped.`, a 503), rather than memory growing without end.
 */
export class EventSubscription<T = unknown> implements AsyncIterableIterator<RpcEventItem<T>>, EventListener {
  private readonly queue = new EventQueue<RpcEventItem<T>>();
  /** Live events that came while the replay ran; `undefined` once live. */
  private held: EventEntry[] | undefined = [];
  /** More live events came during the replay than `limit`: they were let go, the replay reads them again. */
  private heldDropped = false;
  /** The last event queued (or where the subscriber starts): its id, and its position, which orders events. */
  private cursor: string | undefined;
  private cursorPosition: EventPosition | undefined;
  private ended = false;
  private failure: unknown;
  /**
   * A read waiting for the next event, handed it directly so that a subscriber that keeps up queues
   * nothing. Two fields rather than one object: a waiting read outlives young-generation collections,
   * and V8 would then allocate an object literal made here straight in the old generation (allocation-site
   * pretenuring), which made 1 000 subscribers on Redis several times slower.
   */
  private resolveRead?: (result: IteratorResult<RpcEventItem<T>>) => void;
  private rejectRead?: (error: unknown) => void;
  private roomWaiter?: () => void;

  constructor(
    private readonly limit: number,
    /** Called once when the subscription ends (the back-end's `unlisten`, the abort listener's removal). */
    private readonly onEnd: () => void,
  ) {}

  get closed(): boolean {
    return this.ended;
  }

  /** Where the subscriber starts: events up to this id are not its own. */
  startAfter(id: string, position: EventPosition): void {
    this.cursor = id;
    this.cursorPosition = position;
  }

  /** A live event from the back-end. */
  deliver(entry: EventEntry): void {
    if (this.ended) {
      return;
    }
    if (this.held === undefined) {
      this.enqueue(entry);
    } else if (this.held.length >= this.limit) {
      // Still replaying: the store keeps these events too, so another round of the replay reads them.
      this.held.length = 0;
      this.heldDropped = true;
    } else {
      this.held.push(entry);
    }
  }

  /** An event of the replay. */
  replay(entry: EventEntry): void {
    if (!this.ended) {
      this.enqueue(entry);
    }
  }

  /**
   * The replay caught up: the live events held aside follow it, and the next ones are queued as they
   * come. `false` when held events were let go meanwhile: the replay runs on, from the cursor.
   */
  live(): boolean {
    if (this.heldDropped) {
      this.heldDropped = false;
      this.held = [];
      return false;
    }
    const held = this.held ?? [];
    this.held = undefined;
    for (const entry of held) {
      this.enqueue(entry);
    }
    return true;
  }

  /** The id of the last event queued: where another round of the replay starts. */
  get position(): string | undefined {
    return this.cursor;
  }

  /**
   * Resolves once the queue has room for a page of the replay (half the limit: the replay reads as
   * the reader reads, so a long backlog does not count as a slow subscriber).
   */
  room(): Promise<void> | undefined {
    if (this.ended || this.queue.size < this.limit / 2) {
      return undefined;
    }
    return new Promise(resolve => (this.roomWaiter = resolve));
  }

  /** Ends the subscription with `error`, thrown by the next read; what was queued is dropped. */
  fail(error: unknown): void {
    if (!this.ended) {
      this.failure = error;
      this.queue.clear();
      this.finish();
    }
  }

  /** Ends the subscription: what is queued is still read, then the iteration is done. */
  end(): void {
    if (!this.ended) {
      this.finish();
    }
  }

  next(): Promise<IteratorResult<RpcEventItem<T>>> {
    if (this.queue.size > 0) {
      const value = this.queue.take()!;
      this.wakeRoom();
      return Promise.resolve({ done: false, value });
    }
    if (this.ended) {
      const failure = this.failure;
      this.failure = undefined;
      return failure === undefined ? Promise.resolve(DONE) : Promise.reject(failure);
    }
    return new Promise((resolve, reject) => {
      this.resolveRead = resolve;
      this.rejectRead = reject;
    });
  }

  /** The reader left (a `break`, the stream's client gone): the subscription ends at once. */
  return(): Promise<IteratorResult<RpcEventItem<T>>> {
    this.queue.clear();
    this.failure = undefined;
    this.end();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private enqueue(entry: EventEntry): void {
    if (this.cursorPosition !== undefined && comparePositions(entry.position, this.cursorPosition) <= 0) {
      return;
    }
    if (this.queue.size >= this.limit) {
      this.fail(new ServiceUnavailableException(EventMessages.subscriberTooSlow));
      return;
    }
    this.cursor = entry.id;
    this.cursorPosition = entry.position;
    const item = new RpcEventItem(entry.id, entry.payload as T);
    const resolveRead = this.resolveRead;
    if (resolveRead) {
      this.resolveRead = this.rejectRead = undefined;
      resolveRead({ done: false, value: item });
    } else {
      this.queue.push(item);
    }
  }

  private finish(): void {
    this.ended = true;
    this.held = undefined;
    this.onEnd();
    const { resolveRead, rejectRead } = this;
    if (resolveRead && rejectRead) {
      // A read waits only on an empty queue: it gets the end, or the failure once.
      this.resolveRead = this.rejectRead = undefined;
      const failure = this.failure;
      this.failure = undefined;
      if (failure === undefined) {
        resolveRead(DONE);
      } else {
        rejectRead(failure);
      }
    }
    this.wakeRoom();
  }

  private wakeRoom(): void {
    if (this.roomWaiter && (this.ended || this.queue.size < this.limit / 2)) {
      const waiter = this.roomWaiter;
      this.roomWaiter = undefined;
      waiter();
    }
  }
}
