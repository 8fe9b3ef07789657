import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { CallDeadline, withDeadline } from '../../lib/client/call.deadline.js';

/** A promise that never settles: what a call whose server never answers waits on. */
const never = () => new Promise<never>(() => undefined);

/** Lets the promise callbacks queued so far run (fake timers leave microtasks alone). */
async function flush(): Promise<void> {
  for (let tick = 0; tick < 5; tick++) {
    await Promise.resolve();
  }
}

/** The listeners an AbortSignal holds, counted through its add/remove calls (the DOM gives no way to list them). */
function countListeners(signal: AbortSignal): { readonly count: number } {
  let count = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    count++;
    add(...args);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
    count--;
    remove(...args);
  }) as AbortSignal['removeEventListener'];
  return {
    get count() {
      return count;
    },
  };
}

describe("the clients' deadline (CallDeadline)", () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('times out with the documented TimeoutError DOMException, not a moment before', async () => {
    const deadline = new CallDeadline({ timeout: 50 });
    const raced = deadline.race(never());
    const settled = jest.fn();
    raced.catch(settled);
    jest.advanceTimersByTime(49);
    await flush();
    expect(settled).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    const error = (await raced.catch(reason => reason)) as DOMException;
    expect(error).toBeInstanceOf(DOMException);
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toBe('Timed out after 50 ms');
    expect(deadline.signal.aborted).toBe(true);
  });

  it("takes the call's own timeout over the client's, and the client's when the call has none", async () => {
    const own = new CallDeadline({ timeout: 10 }, 1000);
    const fromClient = new CallDeadline({}, 20);
    jest.advanceTimersByTime(10);
    expect(own.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'Timed out after 10 ms' });
    expect(fromClient.signal.aborted).toBe(false);
    jest.advanceTimersByTime(10);
    expect(fromClient.signal.reason).toMatchObject({ name: 'TimeoutError', message: 'Timed out after 20 ms' });
  });

  it('sets no timer for a zero, negative or missing timeout', () => {
    for (const timeout of [0, -5, undefined]) {
      new CallDeadline({ timeout });
    }
    expect(jest.getTimerCount()).toBe(0);
    expect(CallDeadline.applies({ timeout: 0 })).toBe(false);
    expect(CallDeadline.applies({}, 0)).toBe(false);
    expect(CallDeadline.applies({ timeout: 1 })).toBe(true);
  });

  it("rejects with the caller's own abort reason when its signal aborts", async () => {
    const caller = new AbortController();
    const deadline = new CallDeadline({ signal: caller.signal, timeout: 1000 });
    const raced = deadline.race(never());
    const reason = new Error('user left');
    caller.abort(reason);
    await expect(raced).rejects.toBe(reason);
  });

  it('rejects at once for a signal aborted before the call, and sets no timer', async () => {
    const caller = new AbortController();
    caller.abort();
    const deadline = new CallDeadline({ signal: caller.signal, timeout: 1000 });
    expect(jest.getTimerCount()).toBe(0);
    const error = (await deadline.race(Promise.resolve('late')).catch(reason => reason)) as DOMException;
    expect(error.name).toBe('AbortError');
  });

  it("started() stops the timeout (a stream's answer began) but not the caller's signal", async () => {
    const caller = new AbortController();
    const deadline = new CallDeadline({ signal: caller.signal, timeout: 50 });
    deadline.started();
    jest.advanceTimersByTime(1000);
    expect(deadline.signal.aborted).toBe(false);
    caller.abort('stop');
    expect(deadline.signal.reason).toBe('stop');
  });

  it("dispose() clears the timer and unhooks the caller's signal", () => {
    const caller = new AbortController();
    const listeners = countListeners(caller.signal);
    const deadline = new CallDeadline({ signal: caller.signal, timeout: 50 });
    expect(listeners.count).toBe(1);
    expect(jest.getTimerCount()).toBe(1);
    deadline.dispose();
    expect(listeners.count).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    caller.abort();
    expect(deadline.signal.aborted).toBe(false);
  });

  it('race() unhooks itself once the answer came first, and passes the answer on', async () => {
    const deadline = new CallDeadline({ timeout: 50 });
    const listeners = countListeners(deadline.signal);
    await expect(deadline.race(Promise.resolve(7))).resolves.toBe(7);
    await expect(deadline.race(Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(listeners.count).toBe(0);
  });

  it('abort() ends the call from our side with an AbortError and clears the timer', () => {
    const deadline = new CallDeadline({ timeout: 50 });
    deadline.abort();
    expect(deadline.signal.reason).toMatchObject({ name: 'AbortError', message: 'The stream was closed' });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('sleep() waits its time; the deadline cuts it short and clears its timer', async () => {
    const done = jest.fn();
    const deadline = new CallDeadline();
    void deadline.sleep(100).then(done);
    jest.advanceTimersByTime(99);
    await flush();
    expect(done).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    await flush();
    expect(done).toHaveBeenCalled();

    const caller = new AbortController();
    const cut = new CallDeadline({ signal: caller.signal });
    const sleeping = cut.sleep(100);
    caller.abort('enough');
    await expect(sleeping).rejects.toBe('enough');
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('withDeadline (an answer that cannot be aborted itself: a socket, a batch)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('hands the answer back untouched when nothing can end the call early', () => {
    const answer = Promise.resolve(1);
    expect(withDeadline(answer, {})).toBe(answer);
    expect(withDeadline(answer, { timeout: 0 })).toBe(answer);
  });

  it("rejects on the client's timeout while the answer is still pending", async () => {
    const raced = withDeadline(never(), {}, 30);
    jest.advanceTimersByTime(30);
    await expect(raced).rejects.toMatchObject({ name: 'TimeoutError', message: 'Timed out after 30 ms' });
  });

  it("rejects with the caller's reason, and the answer that comes later is dropped", async () => {
    const caller = new AbortController();
    let answer!: (value: string) => void;
    const raced = withDeadline(new Promise<string>(resolve => (answer = resolve)), { signal: caller.signal });
    caller.abort('left');
    answer('too late');
    await expect(raced).rejects.toBe('left');
  });

  it("cleans up once the answer came: no timer left, no listener on the caller's signal", async () => {
    const caller = new AbortController();
    const listeners = countListeners(caller.signal);
    await expect(withDeadline(Promise.resolve('ok'), { signal: caller.signal, timeout: 100 })).resolves.toBe('ok');
    expect(jest.getTimerCount()).toBe(0);
    expect(listeners.count).toBe(0);
  });
});
