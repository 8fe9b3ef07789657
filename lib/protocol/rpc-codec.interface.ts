import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcCall, RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcFailure, RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';

/** A decoded call, ready to dispatch. */
export interface RpcDecodedCall {
  readonly call: RpcCall;
  readonly failure?: undefined;
  readonly id?: undefined;
  readonly batch?: undefined;
}

/** A request (or one element of a batch) the codec refused; answered with `id` where the protocol has ids. */
export interface RpcDecodedFailure {
  readonly failure: RpcFailure;
  /** The id to answer with (JSON-RPC: `null` when none could be read). */
  readonly id?: RpcCallId;
  readonly call?: undefined;
  readonly batch?: undefined;
}

/** A batch (JSON-RPC 2.0): each element is a call or a refused element. */
export interface RpcDecodedBatch {
  readonly batch: readonly (RpcDecodedCall | RpcDecodedFailure)[];
  readonly call?: undefined;
  readonly failure?: undefined;
  readonly id?: undefined;
}

/** A WebSocket client's request to stop a stream: the call's `id` (JSON-RPC), or none for the oldest stream (weeRPC). */
export interface RpcStreamCancel {
  readonly id?: RpcCallId;
}

/** What a codec makes of a body: one call, a batch, or the failure to answer at once. */
export type RpcDecodeResult = RpcDecodedCall | RpcDecodedFailure | RpcDecodedBatch;

/** How a protocol with batches builds the answer of one: an element per answered call. */
export interface RpcBatchEncoder {
  /** One element of the answer; `undefined` when the call wants no answer. Throws on unserializable data. */
  element(outcome: RpcOutcome, id: RpcCallId | undefined): string | undefined;
  /** The whole answer; no element at all is HTTP 204 with no body. */
  join(elements: readonly string[]): RpcAnswer;
}

/**
 * A wire protocol as a pure codec: no Nest, no HTTP objects. The endpoint parses the body once
 * and picks the codec by the envelope key; the codec reads the parsed value and frames outcomes,
 * choosing each answer's HTTP status from the outcome's failure kind.
 */
export interface RpcCodec {
  /** The name used in the `protocols` option (`'weerpc/1.1'`). */
  readonly name: string;
  /** The body key that marks a request of this protocol (`weerpc`, `wrpc`, `jsonrpc`). */
  readonly envelopeKey: string;
  /**
   * Whether a client pairs answers with requests by their order (weeRPC has no ids): on a socket such
   * answers go out in the order of the messages; answers with ids (JSON-RPC) go out as soon as they are ready.
   */
  readonly pairsByOrder: boolean;
  /**
   * Reads a parsed JSON body (any value: the codec answers what is not its own); `text` is the
   * body's JSON text when there is one, for what `JSON.parse` loses (ids beyond 2^53).
   */
  read(value: unknown, text?: string): RpcDecodeResult;
  /** The version error for a request of this protocol on an endpoint that does not accept it. */
  refuse(value: Record<string, unknown>): RpcDecodedFailure;
  /** Frames one outcome; `id` as the decoded call carried it. Throws on unserializable data. */
  answer(outcome: RpcOutcome, id: RpcCallId | undefined): RpcAnswer;
  /** Present on protocols with batches. */
  readonly batch?: RpcBatchEncoder;
  /**
   * One item of a streamed result, as this protocol frames it (one SSE event; its event id, when it
   * has one, goes on the event's `id:` line and, where the protocol has a place for it, in the JSON).
   * Throws on unserializable data.
   */
  streamItem(item: unknown, id: RpcCallId | undefined, eventId?: string): string;
  /**
   * One item as a WebSocket message: it must tell itself apart from the call's final answer,
   * since a socket has no event names; it carries the item's event id as `eventId`. Throws on unserializable data.
   */
  streamMessage(item: unknown, id: RpcCallId | undefined, eventId?: string): string;
  /** The event that closes a stream: its final outcome, a success or the failure that stopped it. */
  streamEnd(outcome: RpcOutcome, id: RpcCallId | undefined): string;
  /** Whether a message of this protocol is a request to stop a stream (WebSocket only); never answered. */
  cancelOf(value: Record<string, unknown>): RpcStreamCancel | undefined;
}

/** The protocols an endpoint speaks, with the parsing and choosing done once per request. */
export interface RpcProtocols {
  /** The first protocol of the option: it answers what no envelope chose (unparsable bodies, 413s). */
  readonly first: RpcCodec;
  readonly names: readonly string[];
  /** Parses the body and picks the codec that reads it (and answers it). */
  decode(body: RpcBody, contentType: string | undefined): RpcProtocolDecoding;
  /** A WebSocket message that asks to stop a stream, or `undefined` for any other message (a call). */
  readCancel(bytes: Uint8Array): RpcStreamCancel | undefined;
  /**
   * Whether a call's data, decoded by the surface itself (a broker message), nests deeper than a
   * body's `data` may (`maxDepth - 1` levels: the envelope is level 1).
   */
  dataExceedsDepth(data: unknown): boolean;
}

/** The codec chosen for a request and what it read. */
export interface RpcProtocolDecoding {
  readonly codec: RpcCodec;
  readonly decoded: RpcDecodeResult;
}
