import type { RetryPolicy } from './retry.policy.js';

/** One item of a stream as a client read it in its protocol, with its event id when it had one. */
export interface RpcResumableItem {
  readonly item: unknown;
  readonly eventId: string | undefined;
}

/**
 * A stream that reconnects when its connection drops: `open(lastEventId)` makes one connection's
 * items (ending at the final answer); after a dropped connection it is opened again with the last
 * event id seen, so the caller's loop sees every event once, in order. Not resumed: a failure the
 * server answered (`isAnswered`), the caller's abort, a stream that gave no event id yet (a fresh
 * start would silently skip what came meanwhile), or one whose attempts without an item ran out.
 */
export async function* resumableStream(
  open: (lastEventId: string | undefined) => AsyncIterable<RpcResumableItem>,
  isAnswered: (error: unknown) => boolean,
  policy: RetryPolicy | undefined,
  signal: AbortSignal | undefined,
): AsyncGenerator<unknown, void, undefined> {
  let lastEventId: string | undefined;
  let failures = 0;
  for (;;) {
    try {
      for await (const { item, eventId } of open(lastEventId)) {
        failures = 0;
        if (eventId !== undefined) {
          lastEventId = eventId;
        }
        yield item;
      }
      return;
    } catch (error) {
      if (!policy || lastEventId === undefined || isAnswered(error) || signal?.aborted || failures >= policy.retries) {
        throw error;
      }
      await pause(policy.waitAfter(failures++), signal);
    }
  }
}

/** Waits `ms`, or less when `signal` aborts (the next attempt then fails at once with its reason). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
