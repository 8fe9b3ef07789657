import { ClientMessages } from './client.messages.js';
import { RpcClientError } from './rpc-client.error.js';
import { createWsTransport, type RpcWebSocketOptions } from './ws-transport.js';

/** What both clients take to reach a server. */
export interface RpcTransportOptions extends RpcWebSocketOptions {
  /**
   * The endpoint's URL (`'/rpc'` in a page, `'http://localhost:3000/rpc'` in Node), or its
   * WebSocket's (`'ws://localhost:3000/rpc'`): then every call goes over one socket.
   */
  url: string;
  /** A `fetch` implementation; the global one by default. */
  fetch?: typeof fetch;
  /** Whether the browser sends cookies (the session): `'same-origin'` by default. */
  credentials?: RequestCredentials;
  /** Extra headers for every call (a cookie in Node, say); over WebSocket, for the upgrade (Node's `ws` only). */
  headers?: Record<string, string>;
}

/** An answer's HTTP status and parsed body; `value` is `undefined` for an empty 204. */
export interface JsonAnswer {
  readonly status: number;
  readonly value: unknown;
}

/** Sends one request body; `answered: false` for a JSON-RPC notification, which gets no answer. */
export type RpcSend = (body: string, answered?: boolean) => Promise<JsonAnswer>;

/** How a client reaches its server: over HTTP (a POST per call) or over one WebSocket. */
export interface RpcTransport {
  readonly send: RpcSend;
  /** Closes the WebSocket (nothing to do over HTTP); later calls fail. */
  close(): void;
}

/** The transport the URL asks for: `ws:`/`wss:` for a WebSocket, anything else HTTP. */
export function createTransport(options: RpcTransportOptions, protocol: string): RpcTransport {
  if (/^wss?:/i.test(options.url)) {
    return createWsTransport(options, protocol);
  }
  return { send: createJsonPoster(options, protocol), close: () => undefined };
}

/**
 * A POST of a JSON body, shared by the clients: returns the parsed answer, or throws
 * `RpcClientError` naming the protocol when the body is not JSON.
 */
export function createJsonPoster(options: RpcTransportOptions, protocol: string): (body: string) => Promise<JsonAnswer> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers };
  const credentials = options.credentials ?? 'same-origin';
  return async body => {
    const response = await doFetch(options.url, { method: 'POST', headers, credentials, body });
    const text = await response.text();
    if (response.status === 204 && text === '') {
      return { status: 204, value: undefined };
    }
    try {
      return { status: response.status, value: JSON.parse(text) };
    } catch {
      throw notAnswerOf(protocol, response.status);
    }
  };
}

/** The error for an answer that is not one of `protocol`'s. */
export function notAnswerOf(protocol: string, status: number): RpcClientError {
  return new RpcClientError(ClientMessages.notAnswer(protocol, status), status);
}
