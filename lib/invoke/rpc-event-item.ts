import { EVENT_ITEM_MARK, isValidEventId, type RpcMarkedEventItem } from '../wire/event-id.js';
import { RpcMessages } from '../weerpc.messages.js';

/**
 * A streamed item with its event id, made by `withEventId`. The surfaces unwrap it: Server-Sent
 * Events send the id as `id:`, WebSocket and JSON-RPC items carry it as `eventId`, and a collected
 * stream (a plain call, a batch, a broker, MCP) keeps only the data.
 */
export class RpcEventItem<T = unknown> implements RpcMarkedEventItem<T> {
  /** Tells the clients' item types that the wire carries `data` alone. */
  declare readonly [EVENT_ITEM_MARK]: true;

  constructor(
    /** The id the client hands back (`Last-Event-ID`, `lastEventId`) to resume after this item. */
    readonly id: string,
    /** The item itself, as the stream would have sent it without an id. */
    readonly data: T,
  ) {}
}

/**
 * Gives a streamed item an event id, so that a client that loses its connection can resume after
 * it: yield `withEventId(item, id)` instead of `item`. The id is a string of at most 256 characters
 * without line breaks or NUL (throws a `TypeError` otherwise).
 *
 * @example
 * async *watch(@RpcLastEventId() lastEventId?: string) {
 *   for await (const change of changesSince(lastEventId)) yield withEventId(change, change.seq);
 * }
 */
export function withEventId<T>(data: T, id: string): RpcEventItem<T> {
  if (!isValidEventId(id)) {
    throw new TypeError(RpcMessages.invalidEventId(id));
  }
  return new RpcEventItem(id, data);
}

/** An item as the wire carries it without ids: an `RpcEventItem`'s data, any other item as it is. */
export function eventItemData(item: unknown): unknown {
  return item instanceof RpcEventItem ? item.data : item;
}
