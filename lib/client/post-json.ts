import { notAnswerOf } from './rpc-client.error.js';
import { httpStreamFrames, type RpcStreamFrame, type RpcStreamRequest } from './stream-frames.js';
import { createWsTransport, type RpcWebSocketOptions } from './ws-transport.js';

/** When to try a call again; off unless the client's `retry` option is given. */
export interface RpcRetryOptions {
  /** Further attempts after the first. Default 2. */
  retries?: number;
  /** Milliseconds before the first retry when the server says nothing (`Retry-After`); doubled each time. Default 250. */
  delay?: number;
  /** The longest wait between attempts, `Retry-After` included. Default 10 000. */
  maxDelay?: number;
}

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
  /** Milliseconds a call may take (for a stream: until its answer starts); none by default. A call's own `timeout` wins. */
  timeout?: number;
  /**
   * Try again after a network error or an HTTP 503/429 (waiting as its `Retry-After` says). Off by
   * default: a call that failed on the network may have run, so turn it on for calls safe to repeat.
   */
  retry?: boolean | RpcRetryOptions;
}

/** Options of one call or stream. */
export interface RpcCallOptions {
  /** Aborts the call (or stops the stream); the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds this call may take; rejects with a `TimeoutError` `DOMException`. For a stream: until its answer starts. */
  timeout?: number;
}

/** An answer's HTTP status and parsed body; `value` is `undefined` for an empty 204. */
export interface JsonAnswer {
  readonly status: number;
  readonly value: unknown;
}

/** A started answer and the call's own abort, to stop reading it. */
export interface OpenedAnswer {
  readonly response: Response;
  /** Stops the request and the reading of its body. */
  abort(): void;
}

/** POSTs a JSON body: `post` waits for the whole JSON answer, `open` returns as soon as the answer starts. */
export interface JsonPoster {
  post(body: string, options?: RpcCallOptions): Promise<JsonAnswer>;
  /** Asks for Server-Sent Events (`Accept: text/event-stream`); the timeout ends when the answer starts. */
  open(body: string, options?: RpcCallOptions): Promise<OpenedAnswer>;
}

const RETRY_STATUSES = new Set([429, 503]);

/** How a client reaches its server: over HTTP (a POST per call) or over one WebSocket. */
export interface RpcTransport {
  /** Sends a body and waits for its whole JSON answer; `answered: false` for a JSON-RPC notification (no answer). */
  post(body: string, options?: RpcCallOptions, answered?: boolean): Promise<JsonAnswer>;
  /**
   * Sends a call whose answer may be a stream and yields its frames: Server-Sent Events over HTTP,
   * messages over a WebSocket. Leaving the loop stops the server's producer.
   */
  stream(request: RpcStreamRequest, options?: RpcCallOptions): AsyncGenerator<RpcStreamFrame, void, undefined>;
  /** Closes the WebSocket (nothing to do over HTTP); later calls fail. */
  close(): void;
}

/** The transport the URL asks for: `ws:`/`wss:` for a WebSocket, anything else HTTP. */
export function createTransport(options: RpcTransportOptions, protocol: string): RpcTransport {
  if (!/^wss?:/i.test(options.url)) {
    const poster = createJsonPoster(options, protocol);
    return {
      post: poster.post,
      stream: (request, callOptions) => httpStreamFrames(poster, request, callOptions, protocol),
      close: () => undefined,
    };
  }
  const ws = createWsTransport(options, protocol);
  const post = (body: string, callOptions: RpcCallOptions = {}, answered = true) =>
    withOwnDeadline(ws.send(body, answered), callOptions, options.timeout);
  return { post, stream: ws.stream, close: ws.close };
}

/**
 * A call's own abort signal and timeout (else the client's), racing its answer. The answer still
 * arrives and is dropped: a batch goes on for its other calls, a WebSocket keeps its answer order.
 */
export function withOwnDeadline<T>(result: Promise<T>, { signal, timeout }: RpcCallOptions, clientTimeout?: number): Promise<T> {
  const ms = timeout ?? clientTimeout;
  if (!signal && !(ms !== undefined && ms > 0)) {
    return result;
  }
  return new Promise((resolve, reject) => {
    const timer =
      ms !== undefined && ms > 0
        ? setTimeout(() => settle(() => reject(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError'))), ms)
        : undefined;
    const onAbort = () => settle(() => reject(signal!.reason));
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    if (signal?.aborted) {
      return onAbort();
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    result.then(
      value => settle(() => resolve(value)),
      error => settle(() => reject(error)),
    );
  });
}

/**
 * The POST shared by the clients: abort, timeout and retries, then the parsed answer, or
 * `RpcClientError` naming the protocol when the body is not JSON.
 */
export function createJsonPoster(options: RpcTransportOptions, protocol: string): JsonPoster {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers };
  const streamHeaders = { ...jsonHeaders, Accept: 'text/event-stream, application/json' };
  const credentials = options.credentials ?? 'same-origin';
  const retry = retryPolicy(options.retry);

  async function send(body: string, headers: Record<string, string>, call: CallSignal): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(options.url, { method: 'POST', headers, credentials, body, signal: call.signal });
      } catch (error) {
        if (call.signal.aborted || !retry || attempt >= retry.retries) {
          throw call.signal.aborted ? call.signal.reason : error;
        }
        await call.sleep(backoff(retry, attempt));
        continue;
      }
      if (!retry || attempt >= retry.retries || !RETRY_STATUSES.has(response.status)) {
        return response;
      }
      await response.body?.cancel().catch(() => undefined);
      await call.sleep(retryAfter(response.headers.get('retry-after'), retry) ?? backoff(retry, attempt));
    }
  }

  return {
    async post(body, callOptions = {}) {
      const call = new CallSignal(callOptions, options.timeout);
      try {
        const response = await send(body, jsonHeaders, call);
        const text = await response.text();
        if (response.status === 204 && text === '') {
          return { status: 204, value: undefined };
        }
        try {
          return { status: response.status, value: JSON.parse(text) };
        } catch {
          throw notAnswerOf(protocol, response.status);
        }
      } catch (error) {
        throw call.signal.aborted ? call.signal.reason : error;
      } finally {
        call.done();
      }
    },
    async open(body, callOptions = {}) {
      const call = new CallSignal(callOptions, options.timeout);
      try {
        const response = await send(body, streamHeaders, call);
        call.started();
        return { response, abort: () => call.abort() };
      } catch (error) {
        call.done();
        throw call.signal.aborted ? call.signal.reason : error;
      }
    },
  };
}


/** One call's signal: the caller's own, its timeout, and an abort of ours, in one. */
class CallSignal {
  private readonly controller = new AbortController();
  private timer?: ReturnType<typeof setTimeout>;
  private readonly unlink?: () => void;
  readonly signal = this.controller.signal;

  constructor({ signal, timeout }: RpcCallOptions, clientTimeout: number | undefined) {
    const ms = timeout ?? clientTimeout;
    if (signal) {
      if (signal.aborted) {
        this.controller.abort(signal.reason);
      } else {
        const onAbort = () => this.controller.abort(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        this.unlink = () => signal.removeEventListener('abort', onAbort);
      }
    }
    if (ms !== undefined && ms > 0 && !this.signal.aborted) {
      this.timer = setTimeout(() => this.controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError')), ms);
    }
  }

  /** The answer started: a stream may now take as long as it takes (the caller's signal still stops it). */
  started(): void {
    clearTimeout(this.timer);
  }

  abort(): void {
    this.controller.abort(new DOMException('The stream was closed', 'AbortError'));
    this.done();
  }

  done(): void {
    clearTimeout(this.timer);
    this.unlink?.();
  }

  /** Waits between attempts; an abort or the timeout ends the wait. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.signal.aborted) {
        return reject(this.signal.reason);
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason);
      };
      const timer = setTimeout(() => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

type RetryPolicy = Required<RpcRetryOptions>;

function retryPolicy(option: RpcTransportOptions['retry']): RetryPolicy | undefined {
  if (!option) {
    return undefined;
  }
  const given = option === true ? {} : option;
  return { retries: given.retries ?? 2, delay: given.delay ?? 250, maxDelay: given.maxDelay ?? 10_000 };
}

function backoff(retry: RetryPolicy, attempt: number): number {
  return Math.min(retry.maxDelay, retry.delay * 2 ** attempt);
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110), capped at `maxDelay`. */
function retryAfter(header: string | null, retry: RetryPolicy): number | undefined {
  if (header === null || header.trim() === '') {
    return undefined;
  }
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(retry.maxDelay, Math.max(0, ms));
}
