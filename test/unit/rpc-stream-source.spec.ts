import { ServiceUnavailableException } from '@nestjs/common';
import { interval, map } from 'rxjs';
import { pacedObservable, RpcPushSource, RpcStreamSource } from '../../lib/invoke/rpc-stream.source.js';

import { sleep, until } from '../support/until.js';

describe('RpcStreamSource (the server side of a stream)', () => {
  it('tells streams from plain results with one check', () => {
    async function* generator() {}
    expect(RpcStreamSource.isStreamable(generator())).toBe(true);
    expect(RpcStreamSource.isStreamable(interval(10))).toBe(true);
    for (const plain of [null, undefined, 0, 'text', [1, 2], { a: 1 }, Promise.resolve(1)]) {
      expect(RpcStreamSource.isStreamable(plain)).toBe(false);
    }
  });

  it('fails an Observable that pushes more than the buffer holds, and unsubscribes it', async () => {
    let unsubscribed = false;
    let pushed = 0;
    const source = new RpcPushSource(8);
    source.subscribeTo(
      interval(1).pipe(
        map(n => {
          pushed++;
          return n;
        }),
      ),
    );
    const origin = source as unknown as { subscription: { add(fn: () => void): void } };
    origin.subscription.add(() => (unsubscribed = true));
    await until(() => unsubscribed); // nobody reads: the buffer overflows and the source lets go
    expect(unsubscribed).toBe(true);
    const items: unknown[] = [];
    const error = await (async () => {
      for (;;) {
        const { done, value } = await source.next();
        if (done) return undefined;
        items.push(value);
      }
    })().catch(reason => reason);
    expect(items).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(pushed).toBe(9);
  });

  it('paces an async iterable seen as an Observable: the producer waits while the buffer is half full', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) yield ++produced;
    }
    const source = new RpcPushSource(8);
    source.subscribeTo(pacedObservable(endless(), source));
    await sleep(50);
    expect(produced).toBe(4); // limit / 2: then it waits for the reader
    expect((await source.next()).value).toBe(1);
    await sleep(20);
    expect(produced).toBe(5);
    source.cancel();
    await sleep(20);
    expect(produced).toBe(5);
  });
});
