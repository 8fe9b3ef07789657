/**
 * Where an event sits in its topic, as two numbers read off its id once (a Redis Streams id's time
 * and sequence): a subscriber orders every event it gets by it, and an id parsed per comparison
 * would cost more than the fan-out itself.
 */
export interface EventPosition {
  readonly major: number;
  readonly minor: number;
}

/** Orders two positions of one topic (negative, zero, positive). */
export function comparePositions(a: EventPosition, b: EventPosition): number {
  return a.major - b.major || a.minor - b.minor;
}

/** One published event as a back-end keeps it: its id, where it sits in its topic, and its payload. */
export interface EventEntry {
  readonly id: string;
  readonly position: EventPosition;
  readonly payload: unknown;
}

/** What a back-end hands live events to: a subscription, held between `listen` and `unlisten`. */
export interface EventListener {
  deliver(entry: EventEntry): void;
}

/**
 * Where events live: in this process (`MemoryEventBackend`) or in Redis Streams (`RedisEventBackend`).
 * The publisher runs the same subscribe algorithm over both: position (`tail` or `resumeFrom`), listen,
 * replay with `read`, then live.
 */
export interface EventBackend {
  /** Appends a payload to a topic and hands it to the topic's listeners (on Redis, every instance's); its id. */
  append(topic: string, payload: unknown): Promise<string>;
  /** The id of the topic's newest event (or the id before any event): a fresh subscriber starts after it. */
  tail(topic: string): Promise<string>;
  /** `lastEventId` when every event of the topic after it is still kept; a `GoneException` otherwise. */
  resumeFrom(topic: string, lastEventId: string): Promise<string>;
  /** Up to `count` events of the topic after `after`, oldest first. */
  read(topic: string, after: string, count: number): Promise<EventEntry[]>;
  /** Hands the topic's live events, from now on, to `listener`; `after` is where it started reading. */
  listen(topic: string, listener: EventListener, after: string): void;
  unlisten(topic: string, listener: EventListener): void;
  /** Where the event with this id sits in its topic (an id the topic never had sorts before every event). */
  positionOf(id: string): EventPosition;
  close(): Promise<void>;
}
