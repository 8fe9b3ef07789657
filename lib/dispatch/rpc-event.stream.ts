import type { Logger } from '@nestjs/common';
import type { RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcEventStream, RpcStreamEvent } from '../outcome/rpc-event-stream.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcCodec } from '../protocol/rpc-codec.interface.js';
import { errorToOutcome } from './outcome.mapper.js';
import type { RpcStreamSource } from '../invoke/rpc-stream.source.js';
import { eventItemData, RpcEventItem } from '../invoke/rpc-event-item.js';

/** How a stream's items are framed: as Server-Sent Events, or as WebSocket messages that say they are items. */
export type RpcStreamFraming = 'event' | 'message';

/** The final outcome of a stream the client stopped: a success without data, as a generator's `return()` gives. */
const STOPPED: RpcOutcome = { ok: true, message: null, data: null };

/**
 * A function's stream as protocol events: each item framed by the call's codec, then one final
 * event. A generator's `return` value is the final event's data; an error thrown mid-stream
 * becomes a final failure event, never a torn connection.
 */
export class RpcCodecEventStream implements RpcEventStream {
  private done = false;
  /** The final outcome once the client or the server stopped the stream, `undefined` while it runs. */
  private stopped?: RpcOutcome;
  /** Settles when the stream is stopped, so that a producer waiting for its next item does not hold the final event back. */
  private halted?: Promise<undefined>;
  private halt?: () => void;

  constructor(
    private readonly source: RpcStreamSource,
    private readonly codec: RpcCodec,
    readonly callId: RpcCallId | undefined,
    private readonly logger: Logger,
    private readonly place: string,
    private readonly framing: RpcStreamFraming = 'event',
  ) {}

  async next(): Promise<RpcStreamEvent | undefined> {
    if (this.done) {
      return undefined;
    }
    if (this.stopped) {
      return this.end(this.stopped);
    }
    let result: IteratorResult<unknown> | undefined;
    try {
      this.halted ??= new Promise<undefined>(resolve => (this.halt = () => resolve(undefined)));
      result = await Promise.race([this.source.next(), this.halted]);
    } catch (error) {
      return this.end(this.stopped ?? errorToOutcome(error, this.logger, this.place));
    }
    if (this.stopped || !result) {
      // An item that was on its way when the stream was stopped is dropped.
      return this.end(this.stopped ?? STOPPED);
    }
    if (result.done) {
      return this.end({ ok: true, message: null, data: result.value ?? null });
    }
    try {
      const { value } = result;
      if (value instanceof RpcEventItem) {
        const data =
          this.framing === 'event'
            ? this.codec.streamItem(value.data, this.callId, value.id)
            : this.codec.streamMessage(value.data, this.callId, value.id);
        return { data, final: false, id: value.id };
      }
      const data = this.framing === 'event' ? this.codec.streamItem(value, this.callId) : this.codec.streamMessage(value, this.callId);
      return { data, final: false };
    } catch (error) {
      // An item that cannot be serialized (a BigInt, a cycle) ends the stream.
      this.source.cancel();
      return this.end(errorToOutcome(error, this.logger, this.place));
    }
  }

  cancel(): void {
    this.done = true;
    this.source.cancel();
  }

  stop(): void {
    this.abort(STOPPED);
  }

  abort(outcome: RpcOutcome): void {
    if (!this.done && !this.stopped) {
      this.stopped = outcome;
      this.source.cancel();
      this.halt?.();
    }
  }

  private end(outcome: RpcOutcome): RpcStreamEvent {
    this.done = true;
    let data: string;
    try {
      data = this.codec.streamEnd(outcome, this.callId);
    } catch (error) {
      data = this.codec.streamEnd(errorToOutcome(error, this.logger, this.place), this.callId);
    }
    return { data, final: true };
  }
}

/**
 * A stream answered without `Accept: text/event-stream`: its items in one array, so a plain
 * client still works (event ids are dropped: an array has no place for them). An error thrown
 * mid-stream fails the call.
 */
export async function collectStream(source: RpcStreamSource, logger: Logger, place: string): Promise<RpcOutcome> {
  const items: unknown[] = [];
  try {
    for (;;) {
      const { done, value } = await source.next();
      if (done) {
        return { ok: true, message: null, data: items };
      }
      items.push(eventItemData(value));
    }
  } catch (error) {
    source.cancel();
    return errorToOutcome(error, logger, place);
  }
}
