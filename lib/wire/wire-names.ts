/**
 * The names both ends of a stream spell on the wire, and the small messages built from them. The
 * clients (lib/client/, served to browsers) and the server's codecs (lib/protocol/) import them from
 * here, so the two cannot drift apart; this file imports nothing, not even of this package.
 */

/** The JSON-RPC method of the notifications that carry a stream's items: `{"jsonrpc":"2.0","method":"rpc.stream","params":{"id":7,"item":...}}`. */
export const STREAM_ITEM_METHOD = 'rpc.stream';

/** The JSON-RPC notification that stops a call's stream over a WebSocket: `{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":7}}`. */
export const STREAM_CANCEL_METHOD = 'rpc.cancel';

/**
 * The member that says "stream" in a WebSocket message: a call's `"stream": true` asks for its answer
 * as a stream of messages; a weeRPC item answers with `"stream":"item"`.
 */
export const STREAM_MEMBER = 'stream';

/** The value of `stream` that marks a weeRPC item message (any other message is the call's final answer). */
export const STREAM_ITEM_MARKER = 'item';

/**
 * The member of weeRPC's cancel message: `{"weerpc":1.1,"cancel":true}`. JSON-RPC's `rpc.cancel` holds
 * the same word, which the server looks for before it parses a socket message as a cancel.
 */
export const CANCEL_MEMBER = 'cancel';

/**
 * The member that carries a streamed item's event id in a WebSocket item message and in JSON-RPC's
 * `rpc.stream` params (`{"id":7,"item":1,"eventId":"42"}`); Server-Sent Events carry it as `id:`.
 */
export const EVENT_ID_MEMBER = 'eventId';

/**
 * The request member that hands a function the last event id its client saw (`"lastEventId":"42"`
 * beside `function`/`method`), over a WebSocket or a plain POST; Server-Sent Events callers may send
 * the `Last-Event-ID` header instead.
 */
export const LAST_EVENT_ID_MEMBER = 'lastEventId';

/** The HTTP header a Server-Sent Events client sends on reconnecting (lower-case, as Node reads it). */
export const LAST_EVENT_ID_HEADER = 'last-event-id';

/** The Server-Sent Events name of a stream's final event (`event: end`); items are unnamed `message` events. */
export const END_EVENT = 'end';

/** The envelope keys of weeRPC: `weerpc` for 1.1, `wrpc` for the legacy 1.0. */
export type WeeRpcEnvelopeKey = 'weerpc' | 'wrpc';

/** A weeRPC envelope's version member, written by hand so the version keeps its decimal point (`"wrpc":1.0`, as the reference sends it). */
export function weeRpcVersionMember(envelopeKey: WeeRpcEnvelopeKey, version: number): string {
  return `"${envelopeKey}":${version.toFixed(1)}`;
}

/** The weeRPC message that stops a socket's oldest stream (weeRPC has no ids): `{"weerpc":1.1,"cancel":true}`. */
export function weeRpcCancelBody(envelopeKey: WeeRpcEnvelopeKey, version: number): string {
  return `{${weeRpcVersionMember(envelopeKey, version)},"${CANCEL_MEMBER}":true}`;
}

/** The start of a weeRPC item message over a WebSocket, up to its data: `{"weerpc":1.1,"stream":"item","ok":true,"message":null,"data":`. */
export function weeRpcStreamMessagePrefix(envelopeKey: WeeRpcEnvelopeKey, version: number): string {
  return `{${weeRpcVersionMember(envelopeKey, version)},"${STREAM_MEMBER}":"${STREAM_ITEM_MARKER}","ok":true,"message":null,"data":`;
}

/** The JSON-RPC notification that stops the stream of the call whose id is `idJson` (the id as JSON). */
export function jsonRpcCancelBody(idJson: string): string {
  return `{"jsonrpc":"2.0","method":"${STREAM_CANCEL_METHOD}","params":{"id":${idJson}}}`;
}

/**
 * A JSON-RPC stream item: the `rpc.stream` notification carrying the call's id and the item, both given
 * as JSON, and the item's event id when it has one.
 */
export function jsonRpcStreamItem(idJson: string, itemJson: string, eventId?: string): string {
  const tail = eventId === undefined ? '' : `,"${EVENT_ID_MEMBER}":${JSON.stringify(eventId)}`;
  return `{"jsonrpc":"2.0","method":"${STREAM_ITEM_METHOD}","params":{"id":${idJson},"item":${itemJson}${tail}}}`;
}

/** A call's JSON object with `"stream":true` added: over a WebSocket, it asks for the answer as a stream of messages. */
export function withStreamMember(callJson: string): string {
  return `${callJson.slice(0, -1)},"${STREAM_MEMBER}":true}`;
}

/** A call's JSON object with `"lastEventId"` added: a resumed stream starts after the last event its client saw. */
export function withLastEventId(callJson: string, lastEventId: string): string {
  return `${callJson.slice(0, -1)},"${LAST_EVENT_ID_MEMBER}":${JSON.stringify(lastEventId)}}`;
}
