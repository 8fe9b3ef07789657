import { Injectable } from '@nestjs/common';
import { RpcData, RpcFunction, RpcLastEventId, WeeRpcPublisher, type RpcEventItem } from 'nestjs-weerpc';
import { NotifyDto } from './notify.dto.js';

/** The topic every notification goes to; one for the whole demo, as the page shows everyone's. */
export const NOTIFICATIONS_TOPIC = 'notifications';

/** What a watcher gets of each notification. */
export interface Notification {
  text: string;
}

/** `watch`'s items as a schema: a streamed function's plain call answers them as one array. */
const NOTIFICATIONS = { type: 'array', items: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } };

/**
 * `/rpc/notifications`: `notify` publishes to every watcher, on every instance when the events are on
 * Redis (`SESSION_STORE=redis`); `watch` streams them, and a watcher that reconnects with its last
 * event id (the browser client does) gets what it missed first.
 */
@Injectable()
export class NotificationsService {
  constructor(private readonly publisher: WeeRpcPublisher) {}

  @RpcFunction({ summary: "Sends a notification to every watcher; answers the event's id.", result: { type: 'string' } })
  notify(@RpcData() data: NotifyDto): Promise<string> {
    return this.publisher.publish(NOTIFICATIONS_TOPIC, { text: data.text } satisfies Notification);
  }

  @RpcFunction({ summary: 'Streams the notifications sent from now on (after the last event id, when resuming).', result: NOTIFICATIONS })
  watch(@RpcLastEventId() lastEventId?: string): AsyncIterableIterator<RpcEventItem<Notification>> {
    return this.publisher.subscribe<Notification>(NOTIFICATIONS_TOPIC, { lastEventId });
  }
}
