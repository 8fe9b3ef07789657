import { ClientMessages } from './client.messages.js';
import type { JsonAnswer, RpcCallOptions, RpcTransportOptions } from './post-json.js';
import { RpcClientError } from './rpc-client.error.js';
import type { RpcStreamFrame, RpcStreamRequest } from './stream-frames.js';

/** What the clients need of a WebSocket: the browser's `WebSocket`, or the `ws` package's in Node. */
export interface RpcWebSocketLike {
  readonly readyState: number;
  // `never` parameters: any runtime's own event types fit; the transport reads `data`, `code`, `reason`.
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A `WebSocket` class: `globalThis.WebSocket` in browsers (and Node 22+), `ws`'s `WebSocket` in Node 20. */
export type RpcWebSocketConstructor = new (url: string, protocols?: string[], options?: { headers?: Record<string, string> }) => RpcWebSocketLike;

/** The WebSocket options of both clients (used only with a `ws://` or `wss://` URL). */
export interface RpcWebSocketOptions {
  /** The WebSocket class; `globalThis.WebSocket` by default. In Node 20: `import { WebSocket } from 'ws'`. */
  WebSocket?: RpcWebSocketConstructor;
  /**
   * Reconnecting: a call made while the socket is closed opens a new one; failed attempts are
   * retried after `delay` ms, doubled each time up to `maxDelay`, `attempts` times in all, before
   * the waiting calls reject. Defaults: 5 attempts, 100 ms, 5 000 ms.
   */
  reconnect?: { attempts?: number; delay?: number; maxDelay?: number };
  /**
   * Most calls sent and not yet answered; further calls wait in the client for their turn instead
   * of meeting the server's `maxInFlight` refusal. Default 64, the server's default.
   */
  maxInFlight?: number;
}

/** One WebSocket for a client's calls; `answered: false` sends a JSON-RPC notification, which gets no answer. */
export interface RpcWsTransport {
  send(body: string, answered?: boolean): Promise<JsonAnswer>;
  /**
   * Sends a call with `"stream": true` and yields its items as messages, then its final answer.
   * Leaving early sends the call's cancel message; its remaining messages are dropped as they come.
   */
  stream(request: RpcStreamRequest, options?: RpcCallOptions): AsyncGenerator<RpcStreamFrame, void, undefined>;
  /** Closes the socket; later calls fail. */
  close(): void;
}

interface Waiter {
  resolve(answer: JsonAnswer): void;
  reject(error: Error): void;
  /** A streamed call's: takes the messages that are its items (`true`); its final answer goes to `resolve`. */
  item?(message: unknown): boolean;
}

const OPEN = 1;
/** The status the clients see for a WebSocket answer (there is no HTTP status per message). */
const WS_STATUS = 200;

/**
 * One WebSocket for all calls of a client, opened on the first call. The server answers a
 * socket's messages in order, so each answer goes to the oldest call still waiting. When the
 * socket closes, the calls still waiting reject with the close code and reason (an upgrade refused
 * for auth closes with 1008 and the weeRPC message); the next call reconnects.
 */
export function createWsTransport(options: RpcTransportOptions, protocol: string): RpcWsTransport {
  const Socket = options.WebSocket ?? (globalThis as { WebSocket?: RpcWebSocketConstructor }).WebSocket;
  if (!Socket) {
    throw new RpcClientError(ClientMessages.noWebSocket, 0);
  }
  const attempts = options.reconnect?.attempts ?? 5;
  const firstDelay = options.reconnect?.delay ?? 100;
  const maxDelay = options.reconnect?.maxDelay ?? 5000;
  const maxInFlight = options.maxInFlight ?? 64;
  const waiting: Waiter[] = [];
  /** Calls held back by `maxInFlight`, each handed the place of a call that ended. */
  const queued: (() => void)[] = [];
  let places = maxInFlight;
  const takePlace = (): Promise<void> | void => {
    if (places > 0) {
      places--;
      return;
    }
    return new Promise<void>(resolve => queued.push(resolve));
  };
  const freePlace = () => {
    const next = queued.shift();
    if (next) {
      next();
    } else {
      places++;
    }
  };
  let socket: RpcWebSocketLike | null = null;
  let opening: Promise<RpcWebSocketLike> | null = null;
  let closedByUser = false;

  const failAll = (error: Error) => {
    waiting.splice(0).forEach(waiter => waiter.reject(error));
  };

  const receive = (data: unknown) => {
    const waiter = waiting[0];
    if (!waiter) {
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(toText(data));
    } catch {
      waiting.shift();
      waiter.reject(new RpcClientError(ClientMessages.notAnswer(protocol, WS_STATUS), WS_STATUS));
      return;
    }
    if (!waiter.item?.(message)) {
      waiting.shift();
      waiter.resolve({ status: WS_STATUS, value: message });
    }
  };

  const openOnce = () =>
    new Promise<RpcWebSocketLike>((resolve, reject) => {
      const candidate = options.headers ? new Socket(options.url, [], { headers: options.headers }) : new Socket(options.url);
      let opened = false;
      candidate.onopen = () => {
        opened = true;
        socket = candidate;
        resolve(candidate);
      };
      candidate.onmessage = (event: { data: unknown }) => receive(event.data);
      candidate.onerror = () => undefined; // a close event always follows, with the code
      candidate.onclose = ({ code, reason }: { code: number; reason: string }) => {
        const error = new RpcClientError(ClientMessages.closed(code, reason), 0);
        if (!opened) {
          return reject(error);
        }
        if (socket === candidate) {
          socket = null;
        }
        failAll(error);
      };
    });

  const connect = async (): Promise<RpcWebSocketLike> => {
    let delay = firstDelay;
    for (let attempt = 1; ; attempt++) {
      try {
        return await openOnce();
      } catch (error) {
        if (attempt >= attempts || closedByUser) {
          throw new RpcClientError(`${ClientMessages.cannotConnect(options.url, attempt)}: ${(error as Error).message}`, 0);
        }
      }
      await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxDelay);
    }
  };

  const connected = (): Promise<RpcWebSocketLike> => {
    if (socket && socket.readyState === OPEN) {
      return Promise.resolve(socket);
    }
    opening ??= connect().finally(() => (opening = null));
    return opening;
  };

  return {
    async send(body, answered = true) {
      if (!answered) {
        (await connected()).send(body);
        return { status: 204, value: undefined };
      }
      await takePlace();
      try {
        if (closedByUser) {
          throw new RpcClientError(ClientMessages.clientClosed, 0);
        }
        const open = await connected();
        // Sent and queued in one step, so the queue's order is the order on the wire.
        open.send(body);
        return await new Promise<JsonAnswer>((resolve, reject) => waiting.push({ resolve, reject }));
      } finally {
        freePlace();
      }
    },
    async *stream(request, callOptions = {}) {
      await takePlace();
      const reader = new StreamReader(request, callOptions, options.timeout, freePlace);
      try {
        if (closedByUser) {
          throw new RpcClientError(ClientMessages.clientClosed, 0);
        }
        const open = await connected();
        // Sent and queued in one step, so the queue's order is the order on the wire.
        open.send(request.socketBody);
        waiting.push(reader.waiter(open));
      } catch (error) {
        reader.settle();
        throw error;
      }
      yield* reader.frames();
    },
    close() {
      closedByUser = true;
      socket?.close(1000);
      socket = null;
      failAll(new RpcClientError(ClientMessages.clientClosed, 0));
    },
  };
}

/**
 * The client's side of one streamed call over a socket: items queue until the loop reads them; the
 * final answer (or the socket's close) ends it. A loop that leaves early (or its signal) sends the
 * cancel message once the stream has begun, and the call keeps its place in the answer order
 * (and its in-flight place) until the server's final answer, which is dropped.
 */
class StreamReader {
  private readonly items: unknown[] = [];
  private final?: { value: unknown };
  private failure?: Error;
  private wake?: () => void;
  private begun = false;
  private abandoned = false;
  private cancelSent = false;
  private settled = false;
  private socket?: RpcWebSocketLike;

  constructor(
    private readonly request: RpcStreamRequest,
    private readonly options: RpcCallOptions,
    private readonly clientTimeout: number | undefined,
    private readonly freePlace: () => void,
  ) {}

  waiter(socket: RpcWebSocketLike): Waiter {
    this.socket = socket;
    return {
      item: message => {
        if (!this.request.isItem(message)) {
          return false;
        }
        this.begun = true;
        if (this.abandoned) {
          this.cancel();
        } else {
          this.items.push(message);
          this.wake?.();
        }
        return true;
      },
      resolve: ({ value }) => {
        this.final = { value };
        this.settle();
      },
      reject: error => {
        this.failure = error;
        this.settle();
      },
    };
  }

  /** The call is over (its final answer, the socket's close, or it was never sent): its place is free. */
  settle(): void {
    if (!this.settled) {
      this.settled = true;
      this.freePlace();
    }
    this.wake?.();
  }

  async *frames(): AsyncGenerator<RpcStreamFrame, void, undefined> {
    const { signal } = this.options;
    const ms = this.options.timeout ?? this.clientTimeout;
    let stop: (reason: unknown) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => undefined);
    const onAbort = () => stop(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) {
      onAbort();
    }
    // As over HTTP, the timeout runs until the answer starts: the first message.
    const timer = ms !== undefined && ms > 0 ? setTimeout(() => stop(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError')), ms) : undefined;
    try {
      for (;;) {
        if (this.items.length > 0 || this.final) {
          clearTimeout(timer);
        }
        if (this.items.length > 0) {
          yield { kind: 'item', value: this.items.shift(), status: WS_STATUS };
          continue;
        }
        if (this.final) {
          yield { kind: 'end', value: this.final.value, status: WS_STATUS };
          return;
        }
        if (this.failure) {
          throw this.failure;
        }
        await Promise.race([new Promise<void>(resolve => (this.wake = resolve)), stopped]);
        this.wake = undefined;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!this.final && !this.failure) {
        this.abandoned = true;
        this.items.length = 0;
        if (this.begun) {
          this.cancel();
        }
      }
    }
  }

  private cancel(): void {
    if (!this.cancelSent && this.socket?.readyState === OPEN) {
      this.cancelSent = true;
      this.socket.send(this.request.cancelBody);
    }
  }
}

function toText(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  // Node's ws hands binary frames over as a Buffer (a Uint8Array); browsers as an ArrayBuffer.
  return new TextDecoder().decode(data as ArrayBuffer | Uint8Array);
}
