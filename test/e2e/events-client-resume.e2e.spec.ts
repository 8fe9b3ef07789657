import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { WeeRpcPublisher } from 'nestjs-weerpc';
import { createJsonRpcClient, createWeeRpcClient, WeeRpcError } from 'nestjs-weerpc/client';
import { eventsApp } from '../fixtures/events.fixture.js';
import { useLiveApp } from '../support/adapters.js';
import { ADAPTERS } from '../support/create-app.js';

type Api = { watch: (data: { topic: string }) => AsyncIterable<number> };

/** The events published, one at a time, until stopped. */
function publishEvery(publisher: WeeRpcPublisher, topic: string, count: number): { done: Promise<void> } {
  const done = (async () => {
    for (let i = 0; i < count; i++) {
      await publisher.publish(topic, i);
      await new Promise(resolve => setTimeout(resolve, 2));
    }
  })();
  return { done };
}

const EVENTS = 200;
const CLIENTS = [
  ['weeRPC over HTTP', 'http'],
  ['weeRPC over WebSocket', 'ws'],
  ['JSON-RPC over HTTP', 'http-jsonrpc'],
  ['JSON-RPC over WebSocket', 'ws-jsonrpc'],
] as const;

describe.each(ADAPTERS)('the clients resume a stream cut mid-way (%s)', adapter => {
  const live = useLiveApp(adapter, eventsApp({ retention: { count: 1000 } }), { session: false });
  const sockets = new Set<Socket>();
  let topicCount = 0;
  beforeAll(() => {
    live.app.getHttpServer().on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  });
  /** Cuts every connection the server has, as a network failure would: destroyed, not closed. */
  const cutAll = () => {
    const cut = sockets.size;
    for (const socket of sockets) socket.destroy();
    return cut;
  };

  const streamOf = (kind: (typeof CLIENTS)[number][1], topic: string, resume?: boolean): AsyncIterable<number> => {
    const http = `http://127.0.0.1:${live.port}/rpc`;
    const ws = `ws://127.0.0.1:${live.port}/rpc`;
    const options = resume === undefined ? undefined : { resume };
    if (kind === 'http' || kind === 'ws') {
      const rpc = createWeeRpcClient<Api>({ url: kind === 'http' ? http : ws, WebSocket, retry: { delay: 20 } });
      return rpc.stream('watch', { topic }, options);
    }
    const rpc = createJsonRpcClient<Api>({ url: kind === 'http-jsonrpc' ? http : ws, WebSocket, retry: { delay: 20 } });
    return rpc.stream('watch', { topic }, options);
  };

  it.each(CLIENTS)('%s: after the cut the loop goes on and sees every event once, in order', async (_name, kind) => {
    const publisher = live.app.get(WeeRpcPublisher);
    const topic = `resume:${adapter}:${kind}:${++topicCount}`;
    const publishing = publishEvery(publisher, topic, EVENTS);
    const seen: number[] = [];
    let cuts = 0;
    for await (const n of streamOf(kind, topic)) {
      seen.push(n);
      if (seen.length === 5 || seen.length === 50) {
        cuts += cutAll();
      }
      if (n === EVENTS - 1) break;
    }
    await publishing.done;
    expect(cuts).toBeGreaterThanOrEqual(2);
    // A fresh subscription starts wherever publishing was; from there on, nothing lost, nothing twice.
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => seen[0] + i));
    expect(seen[seen.length - 1]).toBe(EVENTS - 1);
  });

  it('lets the error through with resume: false', async () => {
    const publisher = live.app.get(WeeRpcPublisher);
    const topic = `resume:${adapter}:off:${++topicCount}`;
    const publishing = publishEvery(publisher, topic, 50);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of streamOf('http', topic, false)) {
          seen.push(n);
          if (seen.length === 3) cutAll();
        }
      })(),
    ).rejects.toThrow();
    await publishing.done;
    expect(seen).toHaveLength(3);
  });

  it('does not resume a failure the server answered', async () => {
    const error = await (async () => {
      try {
        for await (const _ of streamOf('http', 'has space')) void _;
      } catch (caught) {
        return caught;
      }
    })();
    // The topic rule's refusal, answered before any event: thrown at once, not tried again.
    expect(error).toBeInstanceOf(WeeRpcError);
    expect((error as WeeRpcError).message).toMatch(/^Invalid topic "has space"/);
  });
});
