import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { createJsonRpcClient, createWeeRpcClient, JsonRpcError, WeeRpcError } from 'nestjs-weerpc/client';
import { probe, streamsApp } from '../fixtures/streams.fixture.js';
import { useLiveApp } from '../support/adapters.js';
import { ADAPTERS, call, failure, success } from '../support/create-app.js';
import { sleep, until, untilStill } from '../support/until.js';
import { WsPeer } from '../support/ws-peer.js';

/** A streamed call over a socket: `"stream": true` beside the call. */
const streamed = (fn: string, data?: unknown) => ({ ...call(fn, data), stream: true });
const item = (data: unknown) => ({ weerpc: 1.1, stream: 'item', ok: true, message: null, data });
const rpcStreamed = (method: string, params: unknown, id: number) => ({ jsonrpc: '2.0', method, params, id, stream: true });
const rpcItem = (id: number, value: unknown) => ({ jsonrpc: '2.0', method: 'rpc.stream', params: { id, item: value } });
const WEERPC_CANCEL = { weerpc: 1.1, cancel: true };
const rpcCancel = (id: number) => ({ jsonrpc: '2.0', method: 'rpc.cancel', params: { id } });

const MAX_IN_FLIGHT = 4;

type Api = {
  count_to: (data: { n: number; delay?: number; tag?: string }) => AsyncGenerator<number, string>;
  endless: (data: { delay?: number; size?: number }) => AsyncGenerator<{ n: number }>;
  fail_midway: (data: null) => AsyncGenerator<number>;
  plain: (data: unknown) => unknown;
  doubled_count: (data: { n: number }) => AsyncGenerator<number>;
};

describe.each(ADAPTERS)('streamed results over WebSocket (%s)', adapter => {
  const live = useLiveApp(adapter, streamsApp({ ws: { maxInFlight: MAX_IN_FLIGHT, heartbeatInterval: 0, idleTimeout: 0 } }), { session: false });
  const url = () => `ws://127.0.0.1:${live.port}/rpc`;
  const peers: WsPeer[] = [];
  const open = async () => {
    const peer = await WsPeer.open(url());
    peers.push(peer);
    return peer;
  };
  beforeEach(() => probe.reset());
  afterEach(async () => {
    await Promise.all(peers.splice(0).map(peer => peer.close()));
  });

  it('sends each item as a message as it is produced, then the final answer; a plain call waits its turn', async () => {
    const peer = await open();
    const arrivals: number[] = [];
    peer.socket.on('message', () => arrivals.push(Date.now()));
    peer.send(streamed('count_to', { n: 4, delay: 60, tag: 'ws' }));
    peer.send(call('plain', 'after'));
    const answers = await peer.until(6);
    expect(answers).toEqual([item(1), item(2), item(3), item(4), success('done'), success('after')]);
    const produced = probe.produced.get('ws')!;
    // The first item was on the client before the last one was even produced.
    expect(arrivals[0]).toBeLessThan(produced[3]);
    expect(arrivals[3] - arrivals[0]).toBeGreaterThanOrEqual(3 * 50);
  });

  it('frames JSON-RPC items as rpc.stream notifications with the call id, then the response', async () => {
    const peer = await open();
    peer.send(rpcStreamed('count_to', { n: 2 }, 7));
    expect(await peer.until(3)).toEqual([rpcItem(7, 1), rpcItem(7, 2), { jsonrpc: '2.0', result: 'done', id: 7 }]);
  });

  it('answers without "stream": true as before: the items in one array', async () => {
    const peer = await open();
    expect(await peer.call(call('count_to', { n: 3 }))).toEqual(success([1, 2, 3]));
  });

  it('streams a function that does not stream as one item, and a refused call as its plain failure', async () => {
    const peer = await open();
    peer.send(streamed('plain', { a: 1 }));
    peer.send(streamed('nope'));
    peer.send(rpcStreamed('plain', [5], 3));
    const answers = (await peer.until(5)) as object[];
    // weeRPC answers in the order of the weeRPC messages; JSON-RPC ones when ready (they carry their id).
    expect(answers.filter(answer => 'weerpc' in answer)).toEqual([item({ a: 1 }), success(null), failure('Invalid function.')]);
    expect(answers.filter(answer => 'jsonrpc' in answer)).toEqual([rpcItem(3, [5]), { jsonrpc: '2.0', result: null, id: 3 }]);
  });

  it('ends with the failure thrown midway, and the socket goes on', async () => {
    const peer = await open();
    peer.send(streamed('fail_midway', null), 3);
    expect(await peer.until(3)).toEqual([item(1), item(2), failure('Row 3 is gone')]);
    expect(await peer.call(call('plain', 1))).toEqual(success(1));
  });

  it('maps every item through the interceptors, as over HTTP', async () => {
    const peer = await open();
    peer.send(streamed('doubled_count', { n: 3 }));
    expect(await peer.until(4)).toEqual([item(2), item(4), item(6), success(null)]);
    expect(probe.guard).toBe(1);
  });

  it('stops the stream on a weeRPC cancel message: the producer ends, the final answer still comes', async () => {
    const peer = await open();
    peer.send(streamed('endless', { delay: 5, size: 8 }));
    await peer.until(3);
    peer.socket.send(JSON.stringify(WEERPC_CANCEL));
    await until(() => probe.endlessClosed);
    const produced = probe.endless;
    // Wait for the final answer: the last message that is not an item.
    await until(() => peer.answers.some(answer => !(answer as { stream?: string }).stream));
    const final = peer.answers.findIndex(answer => !(answer as { stream?: string }).stream);
    expect(peer.answers[final]).toEqual(success(null));
    expect(peer.answers.slice(0, final).every(answer => (answer as { stream?: string }).stream === 'item')).toBe(true);
    await sleep(100);
    expect(probe.endless).toBe(produced);
    // The cancel message itself is not answered: the next answer is the next call's.
    const index = peer.answers.length;
    peer.socket.send(JSON.stringify(call('plain', 'next')));
    await until(() => peer.answers.length > index);
    expect(peer.answers.slice(index)).toEqual([success('next')]);
  });

  it('stops the JSON-RPC stream named by rpc.cancel, and only that one', async () => {
    const peer = await open();
    peer.send(rpcStreamed('endless', { delay: 5, size: 8 }, 11));
    await peer.until(2);
    peer.socket.send(JSON.stringify(rpcCancel(99))); // no such stream: nothing happens
    await sleep(50);
    expect(probe.endlessClosed).toBe(false);
    peer.socket.send(JSON.stringify(rpcCancel(11)));
    await until(() => probe.endlessClosed);
    await until(() => peer.answers.some(answer => 'result' in (answer as object)));
    expect(peer.answers.find(answer => 'result' in (answer as object))).toEqual({ jsonrpc: '2.0', result: null, id: 11 });
  });

  it('stops the producer when the socket closes mid-stream', async () => {
    const peer = await open();
    peer.send(streamed('endless', { delay: 2, size: 8 }));
    await peer.until(2);
    peer.socket.terminate();
    await until(() => probe.endlessClosed);
    const produced = probe.endless;
    await sleep(100);
    expect(probe.endless).toBe(produced);
  });

  it('holds a stream place until the stream ends: a stream beyond maxInFlight is refused, a plain call is not', async () => {
    const peer = await open();
    for (let n = 0; n < MAX_IN_FLIGHT; n++) {
      peer.send(streamed('count_to', { n: 2, delay: 150 }), 3);
    }
    peer.send(streamed('count_to', { n: 2 }));
    peer.send(call('plain', 'not a stream'));
    const answers = await peer.until(MAX_IN_FLIGHT * 3 + 2);
    expect(answers.filter(answer => (answer as { stream?: string }).stream === 'item')).toHaveLength(MAX_IN_FLIGHT * 2);
    expect(answers.slice(-2)).toEqual([failure('Too many calls in flight.'), success('not a stream')]);
    peer.send(streamed('count_to', { n: 1 }));
    expect(await peer.until(MAX_IN_FLIGHT * 3 + 4)).toEqual(expect.arrayContaining([item(1), success('done')]));
  });

  it('pauses the producer while the client does not read (bounded server memory)', async () => {
    const itemSize = 16 * 1024;
    const socket = connect({ host: '127.0.0.1', port: live.port });
    await new Promise(resolve => socket.once('connect', resolve));
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    const handshake = await new Promise<string>(resolve => socket.once('data', data => resolve(String(data))));
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    expect(handshake).toContain(`Sec-WebSocket-Accept: ${accept}`);
    socket.pause(); // never reads again: the kernel buffers fill, then the server's send() waits
    socket.write(maskedTextFrame(JSON.stringify(streamed('endless', { size: itemSize }))));
    await until(() => probe.endless > 0);
    // Wait until production stalls.
    const stalledAt = await untilStill(() => probe.endless);
    await sleep(500);
    const heldBytes = stalledAt * itemSize;
    console.log(`[${adapter}] WebSocket slow reader: producer paused after ${stalledAt} items (${(heldBytes / 2 ** 20).toFixed(1)} MiB)`);
    expect(probe.endless).toBe(stalledAt);
    expect(heldBytes).toBeLessThan(64 * 2 ** 20);
    socket.destroy();
    await until(() => probe.endlessClosed);
  });

  it('createWeeRpcClient: stream() over a socket yields the items; leaving the loop stops the server', async () => {
    const rpc = createWeeRpcClient<Api>({ url: url(), WebSocket });
    try {
      const counted: number[] = [];
      for await (const n of rpc.stream('count_to', { n: 3 })) {
        counted.push(n);
      }
      expect(counted).toEqual([1, 2, 3]);
      const seen: number[] = [];
      for await (const { n } of rpc.stream('endless', { delay: 5 })) {
        seen.push(n);
        if (seen.length === 3) break;
      }
      await until(() => probe.endlessClosed);
      expect(seen).toHaveLength(3);
      // The stream's final answer was dropped by the client: the next call gets its own.
      expect(await rpc.call('plain', 'next')).toEqual({ ok: true, message: null, data: 'next' });
      const plain: unknown[] = [];
      for await (const value of rpc.stream('plain', 42)) plain.push(value);
      expect(plain).toEqual([42]);
      const failing: number[] = [];
      await expect(
        (async () => {
          for await (const n of rpc.stream('fail_midway', null)) failing.push(n);
        })(),
      ).rejects.toEqual(new WeeRpcError('Row 3 is gone', null));
      expect(failing).toEqual([1, 2]);
    } finally {
      rpc.close();
    }
  });

  it('createJsonRpcClient: stream() over a socket, abort by signal, and calls around it', async () => {
    const rpc = createJsonRpcClient<Api>({ url: url(), WebSocket });
    try {
      const [items, sum] = await Promise.all([
        (async () => {
          const got: number[] = [];
          for await (const n of rpc.stream('count_to', { n: 3, delay: 20 })) got.push(n);
          return got;
        })(),
        rpc.call('plain', [1]),
      ]);
      expect(items).toEqual([1, 2, 3]);
      expect(sum).toEqual([1]);
      const controller = new AbortController();
      const seen: unknown[] = [];
      await expect(
        (async () => {
          for await (const value of rpc.stream('endless', { delay: 5 }, { signal: controller.signal })) {
            seen.push(value);
            if (seen.length === 2) controller.abort(new Error('enough'));
          }
        })(),
      ).rejects.toThrow('enough');
      await until(() => probe.endlessClosed);
      await expect(
        (async () => {
          for await (const n of rpc.stream('fail_midway', null)) void n;
        })(),
      ).rejects.toBeInstanceOf(JsonRpcError);
      expect(await rpc.call('plain', ['still here'])).toEqual(['still here']);
      // The timeout runs until the first message; the abandoned stream is cancelled once it begins.
      probe.reset();
      await expect(
        (async () => {
          for await (const n of rpc.stream('count_to', { n: 50, delay: 100, tag: 'late' }, { timeout: 30 })) void n;
        })(),
      ).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(await rpc.call('plain', ['after the timeout'])).toEqual(['after the timeout']);
      expect(probe.produced.get('late')!.length).toBeLessThan(5);
    } finally {
      rpc.close();
    }
  });
});

/** One masked text frame, as a client must send it (RFC 6455 §5.2). */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]));
  return Buffer.concat([header, mask, masked]);
}
