/** Longer ids are refused: a client sends the id back on every reconnect, in a header or a request. */
export const MAX_EVENT_ID_LENGTH = 256;

/** What a Server-Sent Events `id:` line cannot hold (a line break ends it, a NUL makes browsers ignore it). */
const UNSENDABLE = /[\r\n\0]/;

/**
 * Whether `id` may be an event id: a non-empty string of at most 256 characters without line breaks
 * or NUL. The same rule holds for the last event id a client sends back (`lastEventId`, `Last-Event-ID`).
 */
export function isValidEventId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_EVENT_ID_LENGTH && !UNSENDABLE.test(id);
}

/**
 * The mark of an item with an event id (`withEventId`): the clients' item types see through marked
 * items to their data, as the wire does, while an item of the user's own `{ id, data }` shape stays as it is.
 */
export const EVENT_ITEM_MARK: unique symbol = Symbol.for('nestjs-weerpc.eventItem');

/** What the clients' types know of an item with an event id: its mark and its data. */
export interface RpcMarkedEventItem<T> {
  readonly [EVENT_ITEM_MARK]: true;
  readonly data: T;
}
