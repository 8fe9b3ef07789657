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
    },
  });
  const settings: RpcWsSettings = { path: '/rpc/ws', maxInFlight, idleTimeout: 0, heartbeatInterval: 0, allowedOrigins: new Set() };
  const socket = new FakeSocket();
  const peer = { host: 'localhost', request: { session: {}, headers: {} }, response: { locals: {} } };
  new WeeRpcWsConnection(socket as unknown as WebSocket, endpoint, settings, unitDispatcher(), peer);
  const answers = () => socket.sent.map(text => JSON.parse(text) as Record<string, unknown>);
  return { gate, socket, answers };
}

const weeRpc = (data: string) => ({ weerpc: 1.1, function: 'wait', data });

describe('a WebSocket connection: answers in the order of the messages', () => {
  it('holds a fast answer behind a slow one that came first (weeRPC has no ids)', async () => {
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

  it('answers beyond maxInFlight with Too many calls in flight., in their turn', async () => {
    const { gate, socket, answers } = connect(1);
    socket.receive(weeRpc('first'));
    socket.receive(weeRpc('second'));
    await until(() => gate.has('first'));
    expect(gate.has('second')).toBe(false);
    gate.open('first');
    await until(() => socket.sent.length === 2);
    expect(answers().map(answer => answer.message ?? answer.data)).toEqual(['first', 'Too many calls in flight.']);
  });

  it("sends a stream's items, then its final answer, before the answers behind it", async () => {
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

  it('keeps a JSON-RPC answer with its own id', async () => {
    const { gate, socket, answers } = connect();
    socket.receive({ jsonrpc: '2.0', id: 7, method: 'wait', params: ['a'] });
    socket.receive({ jsonrpc: '2.0', id: 8, method: 'wait', params: ['b'] });
    await until(() => gate.has('b'));
    gate.open('b');
    gate.open('a');
    await until(() => socket.sent.length === 2);
    expect(answers().map(answer => [answer.id, answer.result])).toEqual([
      [7, 'a'],
      [8, 'b'],
    ]);
  });
});
