import { END_EVENT } from '../wire/wire-names.js';
import { CallDeadline } from './call.deadline.js';
import { ClientMessages } from './client.messages.js';
import { isEventStream, readServerEvents } from './event-stream.reader.js';
import { RetryPolicy } from './retry.policy.js';
import type { RpcCallOptions } from './rpc-call.options.js';
import { notAnswerOf, RpcClientError } from './rpc-client.error.js';
import type { JsonAnswer, RpcStreamFrame, RpcStreamRequest, RpcTransport } from './rpc-transport.interface.js';
import type { RpcTransportOptions } from './rpc-transport.options.js';

/**
 * The HTTP transport: a POST per call, shared by both clients. Abort, timeout and retries, then
 * the parsed answer, or `RpcClientError` naming the protocol when the body is not JSON. A stream is
 * a POST that asks for Server-Sent Events; a function that does not stream answers it whole.
 */
export class HttpTransport implements RpcTransport {
  /** Called as a plain function, never as a method: a browser's own `fetch` throws when `this` is not the window. */
  private readonly doFetch: typeof fetch;
  private readonly jsonHeaders: Record<string, string>;
  private readonly streamHeaders: Record<string, string>;
  private readonly credentials: RequestCredentials;
  private readonly retry: RetryPolicy | undefined;

  constructor(
    private readonly options: RpcTransportOptions,
    /** The protocol's name in the "not a <protocol> answer" error. */
    private readonly protocol: string,
  ) {
    this.doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.jsonHeaders = { 'Content-Type': 'application/json', Accept: 'application/json', ...options.headers };
    this.streamHeaders = { ...this.jsonHeaders, Accept: 'text/event-stream, application/json' };
    this.credentials = options.credentials ?? 'same-origin';
    this.retry = RetryPolicy.of(options.retry);
  }

  /** POSTs a body and waits for its whole JSON answer. A notification's 204 has no body: `value` is `undefined`. */
  async post(body: string, callOptions: RpcCallOptions = {}): Promise<JsonAnswer> {
    const deadline = new CallDeadline(callOptions, this.options.timeout);
    try {
      const response = await this.send(body, this.jsonHeaders, deadline);
      const text = await response.text();
      if (response.status === 204 && text === '') {
        return { status: 204, value: undefined };
      }
      try {
        return { status: response.status, value: JSON.parse(text) };
      } catch {
        throw notAnswerOf(this.protocol, response.status);
      }
    } catch (error) {
      throw deadline.signal.aborted ? deadline.signal.reason : error;
    } finally {
      deadline.dispose();
    }
  }

  /**
   * A streamed answer: Server-Sent Events (`end` is the final one), or the whole JSON answer of a
   * function that does not stream. The timeout ends when the answer starts; leaving the loop aborts
   * the request, which stops the server's producer.
   */
  async *stream(request: RpcStreamRequest, callOptions: RpcCallOptions = {}): AsyncGenerator<RpcStreamFrame, void, undefined> {
    const deadline = new CallDeadline(callOptions, this.options.timeout);
    let response: Response;
    try {
      response = await this.send(request.body, this.streamHeaders, deadline);
      deadline.started();
    } catch (error) {
      deadline.dispose();
      throw deadline.signal.aborted ? deadline.signal.reason : error;
    }
    const status = response.status;
    try {
      if (!isEventStream(response)) {
        yield { kind: 'whole', value: await response.json().catch(() => undefined), status };
        return;
      }
      for await (const event of readServerEvents(response.body!)) {
        const final = event.event === END_EVENT;
        const value = this.parseFrame(event.data, status);
        yield event.id === undefined
          ? { kind: final ? 'end' : 'item', value, status }
          : { kind: final ? 'end' : 'item', value, status, eventId: event.id };
        if (final) {
          return;
        }
      }
      throw new RpcClientError(ClientMessages.streamCut, status);
    } catch (error) {
      // The caller's abort cut the body: its reason, not the read's own error.
      throw callOptions.signal?.aborted ? callOptions.signal.reason : error;
    } finally {
      deadline.abort();
    }
  }

  /** Nothing to close: each call has its own request. */
  close(): void {}

  /** The fetch, tried again as the retry policy says; the deadline stops the fetch and the waits between attempts. */
  private async send(body: string, headers: Record<string, string>, deadline: CallDeadline): Promise<Response> {
    const { retry, doFetch } = this;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(this.options.url, { method: 'POST', headers, credentials: this.credentials, body, signal: deadline.signal });
      } catch (error) {
        if (deadline.signal.aborted || !retry || attempt >= retry.retries) {
          throw deadline.signal.aborted ? deadline.signal.reason : error;
        }
        await deadline.sleep(retry.waitAfter(attempt));
        continue;
      }
      if (!retry || attempt >= retry.retries || !retry.retriesStatus(response.status)) {
        return response;
      }
      await response.body?.cancel().catch(() => undefined);
      await deadline.sleep(retry.waitAfter(attempt, response.headers.get('retry-after')));
    }
  }

  /** A frame's JSON, or `RpcClientError` naming the protocol. */
  private parseFrame(data: string, status: number): unknown {
    try {
      return JSON.parse(data);
    } catch {
      throw notAnswerOf(this.protocol, status);
    }
  }
}
