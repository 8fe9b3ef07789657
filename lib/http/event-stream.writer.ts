import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RpcEventStream } from '../outcome/rpc-event-stream.interface.js';
import { END_EVENT } from '../wire/wire-names.js';
import type { OpenEventStreams } from './open-event-streams.js';

/** The headers of a Server-Sent Events answer; `no-transform` and `X-Accel-Buffering` keep proxies from buffering it. */
const EVENT_STREAM_HEADERS: OutgoingHttpHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};
const KEEP_ALIVE_COMMENT = ': keep-alive\n\n';

/**
 * Writes a streamed answer as Server-Sent Events on Node's response, straight through (both
 * adapters end up here). An item with an event id goes with an `id:` line, which a reconnecting
 * `EventSource` sends back as `Last-Event-ID`. Back-pressure: the next event is only pulled once the socket took the
 * previous one (`write()` false → wait for `drain`), so a client that does not read pauses an
 * `AsyncIterable` producer instead of growing the server's memory. A client that goes away
 * cancels the stream (`return()` on the iterator, `unsubscribe()` on the Observable).
 */
export async function writeEventStream(
  response: ServerResponse,
  events: RpcEventStream,
  keepAlive: number,
  open: OpenEventStreams,
  headers: OutgoingHttpHeaders = {},
): Promise<void> {
  /** The client went away, or the application is closing: nothing more is written. */
  let gone = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    if (!gone) {
      gone = true;
      events.cancel();
      wake?.();
    }
  };
  const onClose = () => {
    if (!response.writableFinished) {
      stop();
    }
  };
  const untrack = open.track(events, () => {
    stop();
    response.end();
  });
  const onDrain = () => wake?.();
  response.on('close', onClose);
  response.on('drain', onDrain);
  response.writeHead(200, { ...headers, ...EVENT_STREAM_HEADERS });
  response.flushHeaders();
  const timer = keepAlive > 0 ? setInterval(() => gone || response.write(KEEP_ALIVE_COMMENT), keepAlive) : undefined;
  timer?.unref();
  try {
    for (;;) {
      const event = await events.next();
      if (gone || !event) {
        return;
      }
      const flushed = response.write(
        event.final
          ? `event: ${END_EVENT}\ndata: ${event.data}\n\n`
          : event.id === undefined
            ? `data: ${event.data}\n\n`
            : `id: ${event.id}\ndata: ${event.data}\n\n`,
      );
      if (event.final) {
        return;
      }
      if (!flushed && !gone) {
        await new Promise<void>(resolve => (wake = resolve));
        wake = undefined;
        if (gone) {
          return;
        }
      }
    }
  } finally {
    untrack();
    clearInterval(timer);
    response.off('close', onClose);
    response.off('drain', onDrain);
    if (!response.writableEnded && !response.destroyed) {
      response.end();
    }
  }
}
