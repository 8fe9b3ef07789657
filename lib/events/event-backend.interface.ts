/** One published event as a back-end keeps it: its id (ordered within its topic) and its payload. */
export interface EventEntry {
  readonly id: string;
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
  /** Orders two ids of one topic (negative, zero, positive). */
  compare(a: string, b: string): number;
  close(): Promise<void>;
}
