import { withDeadline } from './call.deadline.js';
import { ClientMessages } from './client.messages.js';
import { InFlightLimiter } from './in-flight.limiter.js';
import type { RpcCallOptions } from './rpc-call.options.js';
import { RpcClientError } from './rpc-client.error.js';
import type { JsonAnswer, RpcStreamFrame, RpcStreamRequest, RpcTransport } from './rpc-transport.interface.js';
import type { RpcTransportOptions } from './rpc-transport.options.js';
import type { RpcWebSocketConstructor, RpcWebSocketLike } from './rpc-web-socket.options.js';
import { WS_OPEN, WS_STATUS } from './ws.constants.js';
import { WsStreamReader } from './ws-stream.reader.js';
import type { WsWaiter } from './ws-waiter.interface.js';

/**
 * One WebSocket for all calls of a client, opened on the first call. A JSON-RPC answer (or stream
 * item) goes to the call of its id, whenever it comes; the server answers weeRPC messages in
 * order, so a message without an id goes to the oldest call still waiting for one. When the
 * socket closes, the calls still waiting reject with the close code and reason (an upgrade refused
 * for auth closes with 1008 and the weeRPC message); the next call reconnects.
 */
export class WsTransport implements RpcTransport {
  private readonly Socket: RpcWebSocketConstructor;
  private readonly attempts: number;
  private readonly firstDelay: number;
  private readonly maxDelay: number;
  private readonly inFlight: InFlightLimiter;
  /** The calls sent and not yet answered, oldest first. */
  private readonly waiting: WsWaiter[] = [];
  /** The JSON-RPC calls among them, by each of their ids. */
  private readonly byId = new Map<unknown, WsWaiter>();
  private socket: RpcWebSocketLike | null = null;
  private opening: Promise<RpcWebSocketLike> | null = null;
  private closedByUser = false;

  /** Throws `RpcClientError` when the runtime has no WebSocket and none was given: at once, not at the first call. */
  constructor(
    private readonly options: RpcTransportOptions,
    /** The protocol's name in the "not a <protocol> answer" error. */
    private readonly protocol: string,
  ) {
    const Socket = options.WebSocket ?? (globalThis as { WebSocket?: RpcWebSocketConstructor }).WebSocket;
    if (!Socket) {
      throw new RpcClientError(ClientMessages.noWebSocket, 0);
    }
    this.Socket = Socket;
    this.attempts = options.reconnect?.attempts ?? 5;
    this.firstDelay = options.reconnect?.delay ?? 100;
    this.maxDelay = options.reconnect?.maxDelay ?? 5000;
    this.inFlight = new InFlightLimiter(options.maxInFlight ?? 64);
  }

  /**
   * Sends a call and waits for its answer; `answered: false` sends a JSON-RPC notification, which
   * gets no answer. The call's signal and timeout race the answer, which keeps its place in the order.
   */
  post(body: string, callOptions: RpcCallOptions = {}, answered = true, ids?: readonly unknown[]): Promise<JsonAnswer> {
    return withDeadline(this.send(body, answered, ids), callOptions, this.options.timeout);
  }

  /**
   * Sends a call with `"stream": true` and yields its items as messages, then its final answer.
   * Leaving early sends the call's cancel message; its remaining messages are dropped as they come.
   */
  async *stream(request: RpcStreamRequest, callOptions: RpcCallOptions = {}): AsyncGenerator<RpcStreamFrame, void, undefined> {
    await this.inFlight.take();
    const reader = new WsStreamReader(request, callOptions, this.options.timeout, () => this.inFlight.free());
    try {
      if (this.closedByUser) {
        throw new RpcClientError(ClientMessages.clientClosed, 0);
      }
      const open = await this.connected();
      // Sent and queued in one step, so the queue's order is the order on the wire.
      open.send(request.socketBody);
      const waiter = reader.waiter(open);
      this.wait(request.id === undefined ? waiter : { ...waiter, ids: [request.id] });
    } catch (error) {
      reader.settle();
      throw error;
    }
    yield* reader.frames();
  }

  /** Closes the socket; the calls waiting and the later ones reject. */
  close(): void {
    this.closedByUser = true;
    this.socket?.close(1000);
    this.socket = null;
    this.failAll(new RpcClientError(ClientMessages.clientClosed, 0));
  }

  private async send(body: string, answered: boolean, ids: readonly unknown[] | undefined): Promise<JsonAnswer> {
    if (!answered) {
      (await this.connected()).send(body);
      return { status: 204, value: undefined };
    }
    await this.inFlight.take();
    try {
      if (this.closedByUser) {
        throw new RpcClientError(ClientMessages.clientClosed, 0);
      }
      const open = await this.connected();
      // Sent and queued in one step, so the queue's order is the order on the wire.
      open.send(body);
      return await new Promise<JsonAnswer>((resolve, reject) => this.wait({ resolve, reject, ids }));
    } finally {
      this.inFlight.free();
    }
  }

  private wait(waiter: WsWaiter): void {
    this.waiting.push(waiter);
    for (const id of waiter.ids ?? []) {
      this.byId.set(id, waiter);
    }
  }

  private done(waiter: WsWaiter): void {
    this.waiting.splice(this.waiting.indexOf(waiter), 1);
    for (const id of waiter.ids ?? []) {
      this.byId.delete(id);
    }
  }

  private failAll(error: Error): void {
    this.byId.clear();
    this.waiting.splice(0).forEach(waiter => waiter.reject(error));
  }

  /** A message: the item (a stream's) or the answer of the call of its id, or else of the oldest waiting call. */
  private receive(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(toText(data));
    } catch {
      const oldest = this.waiting[0];
      if (oldest) {
        this.done(oldest);
        oldest.reject(new RpcClientError(ClientMessages.notAnswer(this.protocol, WS_STATUS), WS_STATUS));
      }
      return;
    }
    const id = jsonRpcIdOf(message);
    const waiter = id === undefined ? (this.waiting.find(candidate => candidate.ids === undefined) ?? this.waiting[0]) : this.byId.get(id);
    if (!waiter) {
      return; // an answer nobody waits for any more
    }
    if (!waiter.item?.(message)) {
      this.done(waiter);
      waiter.resolve({ status: WS_STATUS, value: message });
    }
  }

  /** The open socket, or a connection in progress, or a new one. */
  private connected(): Promise<RpcWebSocketLike> {
    if (this.socket && this.socket.readyState === WS_OPEN) {
      return Promise.resolve(this.socket);
    }
    this.opening ??= this.connect().finally(() => (this.opening = null));
    return this.opening;
  }

  /** Opens a socket, trying again with a doubling delay; the last failure names the URL and the attempts. */
  private async connect(): Promise<RpcWebSocketLike> {
    let delay = this.firstDelay;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.openOnce();
      } catch (error) {
        if (attempt >= this.attempts || this.closedByUser) {
          throw new RpcClientError(`${ClientMessages.cannotConnect(this.options.url, attempt)}: ${(error as Error).message}`, 0);
        }
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, this.maxDelay);
    }
  }

  /** One attempt: resolves on `open`, rejects on a close before it; a later close fails the waiting calls. */
  private openOnce(): Promise<RpcWebSocketLike> {
    return new Promise<RpcWebSocketLike>((resolve, reject) => {
      const { headers, url } = this.options;
      const candidate = headers ? new this.Socket(url, [], { headers }) : new this.Socket(url);
      let opened = false;
      candidate.onopen = () => {
        opened = true;
        this.socket = candidate;
        resolve(candidate);
      };
      candidate.onmessage = (event: { data: unknown }) => this.receive(event.data);
      candidate.onerror = () => undefined; // a close event always follows, with the code
      candidate.onclose = ({ code, reason }: { code: number; reason: string }) => {
        const error = new RpcClientError(ClientMessages.closed(code, reason), 0);
        if (!opened) {
          return reject(error);
        }
        if (this.socket === candidate) {
          this.socket = null;
        }
        this.failAll(error);
      };
    });
  }
}

/** The id a JSON-RPC message carries (a response's, a stream item's, a batch answer's first), or `undefined`. */
function jsonRpcIdOf(message: unknown): unknown {
  const first = Array.isArray(message) ? message.find(element => (element as { id?: unknown } | null)?.id != null) : message;
  if (typeof first !== 'object' || first === null || (first as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
    return undefined;
  }
  const { id, params } = first as { id?: unknown; params?: { id?: unknown } };
  const named = id ?? params?.id;
  return named === null ? undefined : named;
}

function toText(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  // Node's ws hands binary frames over as a Buffer (a Uint8Array); browsers as an ArrayBuffer.
  return new TextDecoder().decode(data as ArrayBuffer | Uint8Array);
}
