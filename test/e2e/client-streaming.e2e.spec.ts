import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createJsonRpcClient, createWeeRpcClient, JsonRpcError, RpcClientError, WeeRpcError } from 'nestjs-weerpc/client';
import { probe, streamsApp, type CountToData } from '../fixtures/streams.fixture.js';
import { buildTestApp, createTestApp, ADAPTERS } from '../support/create-app.js';
import { freePort } from '../support/free-port.js';
import { baseUrl } from '../support/raw-http.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** The typed API of the streams fixture, as a client sees it. */
interface StreamsApi {
  count_to: (data: CountToData) => AsyncGenerator<number, string>;
  endless: (data: { size?: number; delay?: number }) => AsyncGenerator<{ n: number }>;
  fail_midway: (data: { unexpected?: boolean } | null) => AsyncGenerator<number>;
  ticks: (data: { n: number; every?: number }) => import('rxjs').Observable<number>;
  plain: (data: unknown) => unknown;
}

/** Counts the HTTP requests that reach the server (both adapters: Node's own `request` event). */
function countRequests(app: INestApplication): { count: number } {
  const counter = { count: 0 };
  app.getHttpServer().on('request', () => counter.count++);
  return counter;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe.each(ADAPTERS)('the clients: streams, abort, timeout, retry, batching (%s)', adapter => {
  let app: INestApplication;
  let url: string;
  let requests: { count: number };
  beforeAll(async () => {
    app = await createTestApp(streamsApp({ maxBatchSize: 50 }), { adapter, session: false });
    url = `${baseUrl(app)}/rpc`;
    requests = countRequests(app);
  });
  afterAll(async () => {
    app.getHttpServer().closeIdleConnections();
    await app.close();
  });
  beforeEach(() => probe.reset());

  describe('stream()', () => {
    const weeRpc = () => createWeeRpcClient<StreamsApi>({ url });
    const jsonRpc = () => createJsonRpcClient<StreamsApi>({ url });

    it('yields the items of a weeRPC stream as they arrive', async () => {
      const arrivals: number[] = [];
      const items: number[] = [];
      for await (const item of weeRpc().stream('count_to', { n: 4, delay: 50, tag: 'client' })) {
        items.push(item);
        arrivals.push(Date.now());
      }
      expect(items).toEqual([1, 2, 3, 4]);
      expect(arrivals[0]).toBeLessThan(probe.produced.get('client')![3]);
    });

    it('yields the items of a JSON-RPC stream, Observables included', async () => {
      expect(await collect(jsonRpc().stream('count_to', { n: 3, from: 10 }))).toEqual([10, 11, 12]);
      expect(await collect(jsonRpc().stream('ticks', { n: 3 }))).toEqual([0, 1, 2]);
    });

    it('throws the failure that ends a stream, after the items before it', async () => {
      const items: number[] = [];
      const weeRpcError = await (async () => {
        for await (const item of weeRpc().stream('fail_midway', null)) items.push(item);
      })().catch(error => error);
      expect(items).toEqual([1, 2]);
      expect(weeRpcError).toBeInstanceOf(WeeRpcError);
      expect(weeRpcError.message).toBe('Row 3 is gone');
      const jsonRpcError = await collect(jsonRpc().stream('fail_midway', { unexpected: true })).catch(error => error);
      expect(jsonRpcError).toBeInstanceOf(JsonRpcError);
      expect(jsonRpcError.code).toBe(-32603);
    });

    it('throws a failure before the stream starts (unknown function)', async () => {
      const client = createWeeRpcClient({ url });
      await expect(collect(client.stream('no_such_function'))).rejects.toThrow(new WeeRpcError('Invalid function.', null));
    });

    it('yields the one result of a function that does not stream', async () => {
      expect(await collect(weeRpc().stream('plain', 'x'))).toEqual(['x']);
    });

    it('stops the server producing when the loop is left early', async () => {
      let seen = 0;
      for await (const item of weeRpc().stream('endless', { delay: 2 })) {
        expect(item.n).toBe(++seen);
        if (seen === 5) break;
      }
      await waitFor(() => probe.endlessClosed);
      const produced = probe.endless;
      await sleep(100);
      expect(probe.endless).toBe(produced);
    });

    it('stops on abort: the loop throws the reason and the server stops', async () => {
      const controller = new AbortController();
      const items: unknown[] = [];
      const error = await (async () => {
        for await (const item of weeRpc().stream('endless', { delay: 2 }, { signal: controller.signal })) {
          items.push(item);
          if (items.length === 3) controller.abort();
        }
      })().catch(reason => reason);
      expect(error).toBeInstanceOf(DOMException);
      expect(error.name).toBe('AbortError');
      await waitFor(() => probe.endlessClosed);
    });

    it('lets a stream outlive its timeout once it has started', async () => {
      expect(await collect(weeRpc().stream('count_to', { n: 3, delay: 100 }, { timeout: 150 }))).toEqual([1, 2, 3]);
    });
  });

  describe('abort and timeout of call()', () => {
    it('rejects an aborted call with the signal reason', async () => {
      const controller = new AbortController();
      const client = createWeeRpcClient<StreamsApi>({ url });
      const pending = client.call('count_to', { n: 1, delay: 500 }, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('user left')), 50);
      await expect(pending).rejects.toThrow('user left');
      await expect(client.call('plain', 1, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('rejects a call slower than its timeout with a TimeoutError, per call or per client', async () => {
      // The function takes 5 s: a rejection well before that is the timeout's, however busy the machine.
      const started = Date.now();
      const perCall = createWeeRpcClient<StreamsApi>({ url }).call('count_to', { n: 1, delay: 5000 }, { timeout: 100 });
      await expect(perCall).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(Date.now() - started).toBeLessThan(4000);
      const perClient = createJsonRpcClient<StreamsApi>({ url, timeout: 100 }).call('count_to', { n: 1, delay: 5000 });
      await expect(perClient).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(await createWeeRpcClient<StreamsApi>({ url, timeout: 100 }).call('plain', 2, { timeout: 2000 })).toMatchObject({ data: 2 });
    });
  });

  describe('automatic batching (JSON-RPC)', () => {
    it('sends the calls of one tick as one request, each caller getting its own result or error', async () => {
      const client = createJsonRpcClient<Record<string, (params: any) => unknown>>({ url, autoBatch: true });
      const before = requests.count;
      const settled = await Promise.allSettled([
        client.call('plain', [1]),
        client.call('count_to', { n: 2 }),
        client.call('no_such_method', []),
        client.call('plain', { x: 2 }),
      ]);
      expect(requests.count - before).toBe(1);
      expect(settled[0]).toEqual({ status: 'fulfilled', value: [1] });
      expect(settled[1]).toEqual({ status: 'fulfilled', value: [1, 2] });
      expect(settled[2]).toMatchObject({ status: 'rejected', reason: { code: -32601, message: 'Method not found' } });
      expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(JsonRpcError);
      expect(settled[3]).toEqual({ status: 'fulfilled', value: { x: 2 } });
    });

    it('splits a tick into batches of maxBatchSize; later ticks go on their own', async () => {
      const client = createJsonRpcClient<Record<string, (params: any) => unknown>>({ url, autoBatch: { maxBatchSize: 2 } });
      const before = requests.count;
      expect(await Promise.all([1, 2, 3, 4, 5].map(n => client.call('plain', [n])))).toEqual([[1], [2], [3], [4], [5]]);
      expect(requests.count - before).toBe(3);
      expect(await client.call('plain', ['alone'])).toEqual(['alone']);
      expect(requests.count - before).toBe(4);
    });

    it('rejects only the aborted caller of a batch', async () => {
      const client = createJsonRpcClient<Record<string, (params: any) => unknown>>({ url, autoBatch: true });
      const controller = new AbortController();
      const slow = client.call('count_to', { n: 1, delay: 300 }, { signal: controller.signal });
      const other = client.call('count_to', { n: 1, delay: 300 });
      setTimeout(() => controller.abort(), 20);
      await expect(slow).rejects.toMatchObject({ name: 'AbortError' });
      expect(await other).toEqual([1]);
    });
  });
});

describe.each(ADAPTERS)('retries (%s)', adapter => {
  /** A real app whose middleware answers 503 with `Retry-After: 1` to the first `refusals` requests. */
  async function busyApp(refusals: number): Promise<{ app: INestApplication; url: string; seen: number[] }> {
    const seen: number[] = [];
    const app = await createTestApp(streamsApp(), {
      adapter,
      session: false,
      configure: instance => {
        instance.use((_request: IncomingMessage, response: ServerResponse, next: () => void) => {
          seen.push(Date.now());
          if (seen.length <= refusals) {
            response.writeHead(503, { 'retry-after': '1', 'content-type': 'text/plain' });
            response.end('busy');
            return;
          }
          next();
        });
      },
    });
    return { app, url: `${baseUrl(app)}/rpc`, seen };
  }

  it('waits as Retry-After says after a 503, then succeeds', async () => {
    const { app, url, seen } = await busyApp(1);
    try {
      const answer = await createWeeRpcClient<StreamsApi>({ url, retry: true }).call('plain', 'ok');
      expect(answer).toEqual({ ok: true, message: null, data: 'ok' });
      expect(seen).toHaveLength(2);
      expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(950);
    } finally {
      await app.close();
    }
  });

  it('does not retry unless asked, and gives up after `retries`', async () => {
    const { app, url, seen } = await busyApp(10);
    try {
      await expect(createWeeRpcClient<StreamsApi>({ url }).call('plain', 1)).rejects.toThrow(
        new RpcClientError('Not a weeRPC answer (HTTP 503)', 503),
      );
      expect(seen).toHaveLength(1);
      const capped = createJsonRpcClient<StreamsApi>({ url, retry: { retries: 2, maxDelay: 50 } });
      await expect(capped.call('plain', [1])).rejects.toMatchObject({ status: 503 });
      expect(seen).toHaveLength(4);
    } finally {
      await app.close();
    }
  });

  it('retries a network error until the server is up', async () => {
    const port = await freePort();
    const client = createWeeRpcClient<StreamsApi>({ url: `http://127.0.0.1:${port}/rpc`, retry: { retries: 8, delay: 100, maxDelay: 200 } });
    const pending = client.call('plain', 'late');
    await sleep(250);
    const app = await buildTestApp(streamsApp(), { adapter, session: false });
    await app.listen(port, '127.0.0.1');
    try {
      expect(await pending).toMatchObject({ ok: true, data: 'late' });
    } finally {
      app.getHttpServer().closeIdleConnections();
      await app.close();
    }
  });
});

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
