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
   * Most calls sent and not yet answered; further calls wait in the client for their turn, so that
   * the server need not pause the socket and streams never meet its stream limit. Default 64, the server's default.
   */
  maxInFlight?: number;
}
