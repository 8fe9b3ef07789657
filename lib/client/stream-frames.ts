import { isEventStream, readServerEvents } from './event-stream.reader.js';
import type { JsonPoster, RpcCallOptions } from './post-json.js';
import { ClientMessages } from './client.messages.js';
import { notAnswerOf, RpcClientError } from './rpc-client.error.js';

/** One frame of a streamed answer, parsed, as the transport read it; the client reads it in its protocol. */
export interface RpcStreamFrame {
  /**
   * `item`: one item; `end`: the final answer, which closes the stream; `whole`: a plain answer
   * (over HTTP, a function that does not stream, or a call refused before its stream started).
   */
  readonly kind: 'item' | 'end' | 'whole';
  readonly value: unknown;
  readonly status: number;
}

/** A call whose answer may stream, in the forms each transport sends. */
export interface RpcStreamRequest {
  /** The call as POSTed (with `Accept: text/event-stream`). */
  readonly body: string;
  /** The call as a WebSocket message: with `"stream": true`. */
  readonly socketBody: string;
  /** The WebSocket message that stops this call's stream. */
  readonly cancelBody: string;
  /** Over a WebSocket: whether a message is one of this call's items (any other message is its final answer). */
  isItem(message: unknown): boolean;
}

/**
 * A streamed answer over HTTP: Server-Sent Events (`end` is the final one), or the whole JSON
 * answer of a function that does not stream. Leaving the loop aborts the request, which stops the
 * server's producer.
 */
export async function* httpStreamFrames(
  poster: JsonPoster,
  request: RpcStreamRequest,
  callOptions: RpcCallOptions | undefined,
  protocol: string,
): AsyncGenerator<RpcStreamFrame, void, undefined> {
  const { response, abort } = await poster.open(request.body, callOptions);
  const status = response.status;
  try {
    if (!isEventStream(response)) {
      yield { kind: 'whole', value: await response.json().catch(() => undefined), status };
      return;
    }
    for await (const event of readServerEvents(response.body!)) {
      const final = event.event === 'end';
      yield { kind: final ? 'end' : 'item', value: parseFrame(event.data, protocol, status), status };
      if (final) {
        return;
      }
    }
    throw new RpcClientError(ClientMessages.streamCut, status);
  } catch (error) {
    throw callOptions?.signal?.aborted ? callOptions.signal.reason : error;
  } finally {
    abort();
  }
}

/** A frame's JSON, or `RpcClientError` naming the protocol. */
function parseFrame(data: string, protocol: string, status: number): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw notAnswerOf(protocol, status);
  }
}

/** A call as a WebSocket message that asks for its answer as a stream (the clients' encoders write an object). */
export function withStreamMember(body: string): string {
  return `${body.slice(0, -1)},"stream":true}`;
}
