import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import type { RpcWsSettings } from '../../lib/endpoints/rpc-endpoint.interface.js';
import { WeeRpcWsConnection } from '../../lib/ws/weerpc-ws.connection.js';
import { until } from '../support/until.js';
import { unitDispatcher, unitEndpoint } from './support/endpoint.js';

/** A socket as `ws` presents one to the connection: messages in, `send` out (taken at once). */
class FakeSocket extends EventEmitter {
  readonly sent: string[] = [];
  closedWith?: { code: number; reason: string };
  isPaused = false;

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
  }

  send(data: string, callback?: (error?: Error) => void): void {
    this.sent.push(data);
    callback?.();
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  receive(message: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(message)), false);
  }
}

/** An invoker per call that finishes when the spec says so. */
class Gate {
  private readonly waiting = new Map<string, (value: unknown) => void>();

  readonly invoke = (_request: unknown, _response: unknown, call: { data: unknown }): Promise<unknown> =>
    new Promise(resolve => this.waiting.set(String(call.data), resolve));

  open(key: string, value: unknown = key): void {
    this.waiting.get(key)!(value);
  }

  has(key: string): boolean {
    return this.waiting.has(key);
  }
}

/** Released after each test, as the server does when a socket closes: its streams stop. */
const opened: WeeRpcWsConnection[] = [];
afterEach(() => opened.splice(0).forEach(connection => connection.release()));

function connect(maxInFlight = 8) {
  const gate = new Gate();
  const endpoint = unitEndpoint({
    protocols: ['weerpc/1.1', 'jsonrpc/2.0'],
    functions: {
      wait: { invoke: gate.invoke },
      count: {
        invoke: async () =>
          (async function* () {
            yield 1;
            yield 2;
          })(),
      },
      endless: {
        invoke: async () =>
          (async function* () {
            for (let n = 1; ; n++) {
              await new Promise(resolve => setTimeout(resolve, 5));
              yield n;
            }
          })(),
      },
    },
  });
  const settings: RpcWsSettings = {
    path: '/rpc/ws',
    maxInFlight,
    idleTimeout: 0,
    heartbeatInterval: 0,
    sessionRefresh: 0,
    allowedOrigins: new Set(),
  };
  const socket = new FakeSocket();
  const peer = { host: 'localhost', request: { session: {}, headers: {} }, response: { locals: {} } };
  const connection = new WeeRpcWsConnection(socket as unknown as WebSocket, endpoint, settings, unitDispatcher(), peer);
  opened.push(connection);
  const answers = () => socket.sent.map(text => JSON.parse(text) as Record<string, unknown>);
  return { gate, socket, answers };
}

const weeRpc = (data: string) => ({ weerpc: 1.1, function: 'wait', data });

const streamed = (fn: string) => ({ weerpc: 1.1, function: fn, data: null, stream: true });
const isFinal = (answer: Record<string, unknown>) => answer.stream === undefined && answer.method === undefined;

describe('a WebSocket connection: weeRPC answers in order, JSON-RPC answers when ready', () => {
  it('holds a fast weeRPC answer behind a slow one that came first (weeRPC has no ids)', async () => {
    const { gate, socket, answers } = connect();
    socket.receive(weeRpc('slow'));
    socket.receive(weeRpc('fast'));
    await until(() => gate.has('fast'));
    gate.open('fast');
    await new Promise(resolve => setImmediate(resolve));
    expect(socket.sent).toEqual([]);
    gate.open('slow');
    await until(() => socket.sent.length === 2);
    expect(answers().map(answer => answer.data)).toEqual(['slow', 'fast']);
  });

  it('sends a JSON-RPC answer as soon as it is ready: it carries its id', async () => {
    const { gate, socket, answers } = connect();
    socket.receive({ jsonrpc: '2.0', id: 7, method: 'wait', params: ['a'] });
    socket.receive({ jsonrpc: '2.0', id: 8, method: 'wait', params: ['b'] });
    await until(() => gate.has('b'));
    gate.open('b');
    await until(() => socket.sent.length === 1);
    gate.open('a');
    await until(() => socket.sent.length === 2);
    expect(answers().map(answer => [answer.id, answer.result])).toEqual([
      [8, 'b'],
      [7, 'a'],
    ]);
  });

  it('does not hold a JSON-RPC answer behind a weeRPC call, nor the weeRPC order behind a JSON-RPC call', async () => {
    const { gate, socket, answers } = connect();
    socket.receive(weeRpc('w1'));
    socket.receive({ jsonrpc: '2.0', id: 1, method: 'wait', params: ['j1'] });
    socket.receive(weeRpc('w2'));
    await until(() => gate.has('w2'));
    gate.open('j1');
    await until(() => socket.sent.length === 1);
    gate.open('w2');
    gate.open('w1');
    await until(() => socket.sent.length === 3);
    expect(answers().map(answer => answer.result ?? answer.data)).toEqual(['j1', 'w1', 'w2']);
  });

  it('stops reading beyond maxInFlight and runs the held call once a place frees: nothing refused', async () => {
    const { gate, socket, answers } = connect(1);
    socket.receive(weeRpc('first'));
    socket.receive(weeRpc('second'));
    await until(() => gate.has('first'));
    expect(socket.isPaused).toBe(true);
    expect(gate.has('second')).toBe(false);
    gate.open('first');
    await until(() => gate.has('second'));
    expect(socket.isPaused).toBe(false);
    gate.open('second');
    await until(() => socket.sent.length === 2);
    expect(answers().map(answer => answer.message ?? answer.data)).toEqual(['first', 'second']);
  });

  it("sends a weeRPC stream's items, then its final answer, before the weeRPC answers behind it", async () => {
    const { gate, socket, answers } = connect();
    socket.receive({ weerpc: 1.1, function: 'count', data: null, stream: true });
    socket.receive(weeRpc('after'));
    await until(() => gate.has('after'));
    gate.open('after');
    await until(() => socket.sent.length === 4);
    expect(answers()).toEqual([
      expect.objectContaining({ stream: 'item', data: 1 }),
      expect.objectContaining({ stream: 'item', data: 2 }),
      expect.objectContaining({ ok: true, data: null }),
      expect.objectContaining({ ok: true, data: 'after' }),
    ]);
  });

  it('stops the oldest weeRPC stream not stopped yet on each cancel: three cancels, three streams', async () => {
    const { socket, answers } = connect();
    for (let i = 0; i < 3; i++) socket.receive(streamed('endless'));
    await until(() => socket.sent.length > 0);
    for (let i = 0; i < 3; i++) socket.receive({ weerpc: 1.1, cancel: true });
    await until(() => answers().filter(isFinal).length === 3);
    expect(answers().filter(isFinal)).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ ok: true, data: null })));
  });

  it('answers a stream beyond maxInFlight open streams with Too many calls in flight.', async () => {
    const { socket, answers } = connect(2);
    for (let id = 1; id <= 3; id++) socket.receive({ jsonrpc: '2.0', id, method: 'endless', stream: true });
    await until(() => answers().some(answer => answer.error !== undefined));
    expect(answers().find(answer => answer.error !== undefined)).toEqual({
      jsonrpc: '2.0',
      error: { code: -32008, message: 'Too many calls in flight.' },
      id: 3,
    });
  });
});
