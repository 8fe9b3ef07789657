import type { RpcEventStream } from '../outcome/rpc-event-stream.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';

/** An event stream being written: its events, and how to cut it (producer cancelled, response ended). */
interface OpenEventStream {
  readonly events: RpcEventStream;
  readonly cut: () => void;
}

/**
 * The event streams an endpoint is writing, so that a drain can end them: an endless stream would
 * otherwise hold its connection, and the server's `close()` waits for every connection.
 */
export class OpenEventStreams {
  private readonly open = new Set<OpenEventStream>();

  /** Keeps the stream until the returned function is called (the stream ended). */
  track(events: RpcEventStream, cut: () => void): () => void {
    const stream = { events, cut };
    this.open.add(stream);
    return () => this.open.delete(stream);
  }

  /** How many streams are being written. */
  get size(): number {
    return this.open.size;
  }

  /** Ends every open stream with `outcome` as its final event: the writer sends it, then ends the response. */
  endAll(outcome: RpcOutcome): void {
    for (const { events } of this.open) {
      events.abort(outcome);
    }
  }

  /** Cuts every stream still open (a client that does not read even its final event). */
  cutAll(): void {
    for (const { cut } of [...this.open]) {
      cut();
    }
  }
}
