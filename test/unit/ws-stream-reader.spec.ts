import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { RpcWebSocketLike } from '../../lib/client/rpc-web-socket.options.js';
import { WsStreamReader } from '../../lib/client/ws-stream.reader.js';

const CANCEL = '{"weerpc":1.1,"cancel":true}';
const REQUEST = { body: '', socketBody: '', cancelBody: CANCEL, isItem: (message: unknown) => (message as { stream?: string }).stream === 'item' };

/** An open socket that records what the client sends. */
function socket(): RpcWebSocketLike & { sent: string[] } {
  const sent: string[] = [];
  return { readyState: 1, onopen: null, onmessage: null, onclose: null, onerror: null, send: data => sent.push(data), close: () => undefined, sent };
}

async function flush(): Promise<void> {
  for (let tick = 0; tick < 5; tick++) {
    await Promise.resolve();
  }
}

describe('a streamed call over a socket (WsStreamReader)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('times out with a TimeoutError when no message comes in time; the call keeps its place until its final answer', async () => {
    const free = jest.fn();
    const reader = new WsStreamReader(REQUEST, { timeout: 50 }, undefined, free);
    reader.waiter(socket());
    const next = reader.frames().next();
    jest.advanceTimersByTime(50);
    await expect(next).rejects.toMatchObject({ name: 'TimeoutError', message: 'Timed out after 50 ms' });
    expect(jest.getTimerCount()).toBe(0);
    expect(free).not.toHaveBeenCalled();
  });

  it('stops the timeout at the first message: a stream may then run as long as it runs', async () => {
    const reader = new WsStreamReader(REQUEST, {}, 50, () => undefined);
    const waiter = reader.waiter(socket());
    const frames = reader.frames();
    const first = frames.next();
    expect(waiter.item!({ stream: 'item', data: 1 })).toBe(true);
    expect((await first).value).toEqual({ kind: 'item', value: { stream: 'item', data: 1 }, status: 200 });
    const second = frames.next();
    jest.advanceTimersByTime(1000);
    waiter.resolve({ status: 200, value: { ok: true } });
    expect((await second).value).toEqual({ kind: 'end', value: { ok: true }, status: 200 });
  });

  it('a loop that leaves a begun stream sends the cancel message once, and the late items are dropped', async () => {
    const open = socket();
    const reader = new WsStreamReader(REQUEST, {}, undefined, () => undefined);
    const waiter = reader.waiter(open);
    const frames = reader.frames();
    const first = frames.next();
    waiter.item!({ stream: 'item', data: 1 });
    await first;
    await frames.return();
    expect(open.sent).toEqual([CANCEL]);
    expect(waiter.item!({ stream: 'item', data: 2 })).toBe(true);
    await flush();
    expect(open.sent).toEqual([CANCEL]);
  });

  it("leaves no timer and no listener on the caller's signal once the final answer was read", async () => {
    const caller = new AbortController();
    const add = jest.spyOn(caller.signal, 'addEventListener');
    const remove = jest.spyOn(caller.signal, 'removeEventListener');
    const reader = new WsStreamReader(REQUEST, { signal: caller.signal, timeout: 1000 }, undefined, () => undefined);
    const waiter = reader.waiter(socket());
    const frames = reader.frames();
    const first = frames.next();
    waiter.resolve({ status: 200, value: null });
    expect((await first).value).toMatchObject({ kind: 'end' });
    expect(await frames.next()).toEqual({ done: true, value: undefined });
    expect(add).toHaveBeenCalledTimes(1);
    expect(remove).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("the caller's signal stops the stream with its reason", async () => {
    const caller = new AbortController();
    const reader = new WsStreamReader(REQUEST, { signal: caller.signal }, undefined, () => undefined);
    reader.waiter(socket());
    const next = reader.frames().next();
    caller.abort('stop');
    await expect(next).rejects.toBe('stop');
  });
});
