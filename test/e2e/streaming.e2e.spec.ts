import { connect } from 'node:net';
import { probe, streamsApp } from '../fixtures/streams.fixture.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';
import type { INestApplication } from '@nestjs/common';
import { createAdapterApp, portOf } from '../support/adapters.js';
import { postForEvents, readEvents } from '../support/sse.js';
import { sleep, until, untilStill } from '../support/until.js';

const rpcRequest = (method: string, params: unknown, id?: number) =>
  id === undefined ? { jsonrpc: '2.0', method, params } : { jsonrpc: '2.0', method, params, id };

describe.each(ADAPTERS)('streamed results over Server-Sent Events (%s)', adapter => {
  const live = {} as { app: INestApplication; port: number };
  beforeAll(async () => {
    live.app = await createAdapterApp(adapter, streamsApp({ streamKeepAlive: 40 }), { session: false });
    live.port = portOf(live.app);
  });
  afterAll(async () => {
    // Node's fetch now and then leaves behind a connection that never carried a request, which
    // the server's close() waits for. Every stream has ended by now (the closing spec below shows
    // that app.close() ends open ones itself), so the remaining connections can go.
    live.app.getHttpServer().closeAllConnections();
    await live.app.close();
  });
  beforeEach(() => probe.reset());

  it('sends each item as its own weeRPC event as it is produced, then a final event', async () => {
    const response = await postForEvents(live.port, call('count_to', { n: 5, delay: 60, tag: 'one' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { events } = await readEvents(response);
    expect(events.map(e => e.event)).toEqual(['message', 'message', 'message', 'message', 'message', 'end']);
    expect(events.slice(0, 5).map(e => e.data)).toEqual([1, 2, 3, 4, 5].map(n => success(n)));
    // A generator's return value is the final event's data.
    expect(events[5].data).toEqual(success('done'));
    const produced = probe.produced.get('one')!;
    const arrivals = events.map(e => e.at);
    expect([...arrivals].sort((a, b) => a - b)).toEqual(arrivals);
    // The first item was on the client before the last one was even produced.
    expect(arrivals[0]).toBeLessThan(produced[4]);
    expect(arrivals[4] - arrivals[0]).toBeGreaterThanOrEqual(4 * 50);
  });

  it('frames items as JSON-RPC rpc.stream notifications, then the response with the call id', async () => {
    const response = await postForEvents(live.port, rpcRequest('count_to', { n: 3 }, 7));
    const { events } = await readEvents(response);
    expect(events.map(e => e.data)).toEqual([
      ...[1, 2, 3].map(item => ({ jsonrpc: '2.0', method: 'rpc.stream', params: { id: 7, item } })),
      { jsonrpc: '2.0', result: 'done', id: 7 },
    ]);
    expect(events[3].event).toBe('end');
  });

  it('collects the items into one array answer without Accept: text/event-stream', async () => {
    const weeRpc = await fetch(`http://127.0.0.1:${live.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call('count_to', { n: 3 })),
    });
    expect(await weeRpc.json()).toEqual(success([1, 2, 3]));
    const jsonRpc = await fetch(`http://127.0.0.1:${live.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([rpcRequest('ticks', { n: 3 }, 1), rpcRequest('count_to', { n: 2 }, 2)]),
    });
    expect(await jsonRpc.json()).toEqual([
      { jsonrpc: '2.0', result: [0, 1, 2], id: 1 },
      { jsonrpc: '2.0', result: [1, 2], id: 2 },
    ]);
  });

  it('answers a plain function with its plain answer even when events are asked for', async () => {
    const response = await postForEvents(live.port, call('plain', 5));
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(await response.json()).toEqual(success(5));
  });

  it('ends a stream whose function throws midway with a final failure event', async () => {
    const { events } = await readEvents(await postForEvents(live.port, call('fail_midway')));
    expect(events.map(e => [e.event, e.data])).toEqual([
      ['message', success(1)],
      ['message', success(2)],
      ['end', failure('Row 3 is gone')],
    ]);
    const unexpected = await readEvents(await postForEvents(live.port, rpcRequest('fail_midway', { unexpected: true }, 11)));
    expect(unexpected.events.at(-1)).toEqual(
      expect.objectContaining({ event: 'end', data: { jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: 11 } }),
    );
    const unsendable = await readEvents(await postForEvents(live.port, call('unserializable_item')));
    expect(unsendable.events.map(e => e.data)).toEqual([success(1), failure('Internal server error.')]);
  });

  it('fails the plain call of a stream that throws midway', async () => {
    const response = await fetch(`http://127.0.0.1:${live.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call('fail_midway')),
    });
    expect(await response.json()).toEqual(failure('Row 3 is gone'));
  });

  it('stops an async generator when the client goes away', async () => {
    const controller = new AbortController();
    const response = await postForEvents(live.port, call('endless', { delay: 5 }), controller.signal);
    const { events } = await readEvents(response, 3);
    expect(events).toHaveLength(3);
    controller.abort();
    await until(() => probe.endlessClosed);
    const afterClose = probe.endless;
    await sleep(200);
    // At most the item in flight when the client left; then nothing more.
    expect(probe.endless).toBe(afterClose);
    expect(afterClose).toBeLessThan(3 + 20);
  });

  it('unsubscribes from an Observable when the client goes away', async () => {
    const controller = new AbortController();
    const { events } = await readEvents(await postForEvents(live.port, call('endless_observable'), controller.signal), 2);
    expect(events.map(e => e.data)).toEqual([success(1), success(2)]);
    controller.abort();
    await until(() => probe.observableUnsubscribed);
    const after = probe.observableItems;
    await sleep(100);
    expect(probe.observableItems).toBe(after);
  });

  it('serves 100 concurrent streams, each with its own items', async () => {
    const streams = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const { events } = await readEvents(await postForEvents(live.port, call('count_to', { n: 4, from: index * 10, delay: 5 })));
        return events.map(e => (e.data as { data: unknown }).data);
      }),
    );
    streams.forEach((items, index) => expect(items).toEqual([index * 10, index * 10 + 1, index * 10 + 2, index * 10 + 3, 'done']));
  });

  it('sends keep-alive comments on an idle stream (streamKeepAlive)', async () => {
    const { events, comments } = await readEvents(await postForEvents(live.port, call('count_to', { n: 2, delay: 150 })));
    expect(events).toHaveLength(3);
    expect(comments.length).toBeGreaterThanOrEqual(2);
    expect(new Set(comments)).toEqual(new Set([': keep-alive']));
  });

  it('runs guards once per stream and shows interceptors each item (async generator and Observable)', async () => {
    const generator = await readEvents(await postForEvents(live.port, call('doubled_count', { n: 3 })));
    expect(generator.events.map(e => e.data)).toEqual([success(2), success(4), success(6), success(null)]);
    const observable = await readEvents(await postForEvents(live.port, rpcRequest('doubled_ticks', { n: 3 }, 1)));
    expect(observable.events.map(e => e.data)).toEqual([
      ...[2, 4, 6].map(item => ({ jsonrpc: '2.0', method: 'rpc.stream', params: { id: 1, item } })),
      { jsonrpc: '2.0', result: null, id: 1 },
    ]);
    expect(probe.guard).toBe(2);
    expect(probe.interceptorItems).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('tells a plain result from a stream behind the same interceptor', async () => {
    const response = await postForEvents(live.port, call('doubled_plain', 21));
    expect(await response.json()).toEqual(success(42));
    const collected = await fetch(`http://127.0.0.1:${live.port}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(call('doubled_count', { n: 2 })),
    });
    expect(await collected.json()).toEqual(success([2, 4]));
  });

  it('stops an intercepted stream when the client goes away', async () => {
    const controller = new AbortController();
    const { events } = await readEvents(await postForEvents(live.port, call('doubled_endless'), controller.signal), 3);
    expect(events.map(e => e.data)).toEqual([success(2), success(4), success(6)]);
    controller.abort();
    await until(() => probe.endlessClosed);
    const after = probe.endless;
    await sleep(100);
    expect(probe.endless).toBe(after);
  });

  it('pauses the producer while the client does not read (bounded server memory)', async () => {
    const itemSize = 16 * 1024;
    const body = JSON.stringify(call('endless', { size: itemSize }));
    const socket = connect({ host: '127.0.0.1', port: live.port });
    await new Promise(resolve => socket.once('connect', resolve));
    socket.pause(); // never reads: the kernel buffers fill, then the server's write() says wait
    socket.write(
      `POST /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await until(() => probe.endless > 0);
    // Wait until production stalls.
    const stalledAt = await untilStill(() => probe.endless);
    await sleep(500);
    const heldBytes = stalledAt * itemSize;
    console.log(`[${adapter}] slow reader: producer paused after ${stalledAt} items (${(heldBytes / 2 ** 20).toFixed(1)} MiB in socket buffers)`);
    expect(probe.endless).toBe(stalledAt);
    expect(heldBytes).toBeLessThan(64 * 2 ** 20);
    socket.destroy();
    await until(() => probe.endlessClosed);
  });
});
