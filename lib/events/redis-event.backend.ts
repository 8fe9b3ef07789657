import { GoneException, Logger } from '@nestjs/common';
import type { WeeRpcEventRetention } from '../interfaces/weerpc-events-options.interface.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { EventMessages } from '../weerpc.messages.js';
import type { EventBackend, EventEntry, EventListener, EventPosition } from './event-backend.interface.js';
import type { RedisConnection } from './ioredis.loader.js';
import { compareStreamIds, parseStreamId, streamIdPosition } from './redis-stream-id.js';

/** The field of a stream entry that holds the payload, as JSON. */
const PAYLOAD_FIELD = 'd';
/** Entries one XREAD takes per topic: a burst is read in a few round trips, not one huge reply. */
const READ_BATCH = 500;
/** Pause before the reader tries again after Redis failed it (with a new connection). */
const READER_RETRY_MS = 500;

type StreamEntries = [id: string, fields: string[]][];

/** A topic this instance reads: its listeners, and the id of the last entry read. */
interface ReadTopic {
  readonly key: string;
  cursor: string;
  readonly listeners: Set<EventListener>;
}

/**
 * Topics as Redis Streams: `XADD` publishes (trimmed to the retention), every instance reads the
 * topics its subscribers listen to with one blocking `XREAD` on a connection of its own, and fans each
 * entry out to them; a resume replays with `XRANGE`, after checking with `XINFO STREAM` that the
 * client's last event is still kept. A new topic interrupts the blocked read
 * (`CLIENT UNBLOCK`) so that it joins at once.
 *
 * The reader's connection does not reconnect by itself: ioredis would send the blocked XREAD again
 * on the new connection, under a client id this back-end does not know, so that no `CLIENT UNBLOCK`
 * could bring a new topic into the read any more (and the old id may by then name another client).
 * A lost reader fails its XREAD instead, and the read loop opens a new one and learns its id first.
 */
export class RedisEventBackend implements EventBackend {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private readonly topics = new Map<string, ReadTopic>();
  private readonly byKey = new Map<string, ReadTopic>();
  private readerId?: number;
  private closed = false;
  /** Bumped when a topic is added; `reading` is the one the pending XREAD was built with. */
  private generation = 0;
  private reading = -1;
  private nudging = false;
  private wakeReader?: () => void;
  private readerDone: Promise<void> = Promise.resolve();

  private reader: RedisConnection;

  constructor(
    private readonly command: RedisConnection,
    private readonly retention: WeeRpcEventRetention,
    private readonly keyPrefix: string,
  ) {
    command.on('error', () => undefined);
    this.reader = this.openReader();
  }

  /** Learns the reader's client id (for `CLIENT UNBLOCK`) and starts reading; waits for Redis, as commands do. */
  async start(): Promise<void> {
    this.readerId = await this.readerIdOf(this.reader);
    while (this.readerId === undefined && !this.closed) {
      await pause();
      this.readerId = await this.replaceReader();
    }
    this.readerDone = this.readLoop();
  }

  async append(topic: string, payload: unknown): Promise<string> {
    const json = JSON.stringify(payload) ?? 'null';
    const { count, maxAge } = this.retention;
    const key = this.keyPrefix + topic;
    const args: (string | number)[] = [key];
    if (count !== undefined) {
      args.push('MAXLEN', '=', count);
    } else if (maxAge !== undefined) {
      args.push('MINID', '=', Date.now() - maxAge);
    }
    args.push('*', PAYLOAD_FIELD, json);
    const id = (await this.command.call('XADD', args)) as string;
    if (count !== undefined && maxAge !== undefined) {
      // XADD trims by one rule only; the time rule follows.
      await this.command.call('XTRIM', [key, 'MINID', '=', Date.now() - maxAge]);
    }
    return id;
  }

  async tail(topic: string): Promise<string> {
    const newest = (await this.command.call('XREVRANGE', [this.keyPrefix + topic, '+', '-', 'COUNT', 1])) as StreamEntries;
    return newest.length > 0 ? newest[0][0] : '0-0';
  }

  async resumeFrom(topic: string, lastEventId: string): Promise<string> {
    const gone = new GoneException(EventMessages.resumeTooOld(lastEventId));
    if (parseStreamId(lastEventId) === undefined) {
      throw gone;
    }
    const { maxAge } = this.retention;
    if (maxAge !== undefined) {
      // Trimming by time happens on publish: a quiet topic is trimmed now, so that an id older than
      // the retention is refused even when nothing was published since.
      await this.command.call('XTRIM', [this.keyPrefix + topic, 'MINID', '=', Date.now() - maxAge]);
    }
    let info: unknown[];
    try {
      info = (await this.command.call('XINFO', ['STREAM', this.keyPrefix + topic])) as unknown[];
    } catch {
      // No such stream: nothing was ever kept after any id, unless the client saw events of it.
      if (lastEventId === '0-0') {
        return lastEventId;
      }
      throw gone;
    }
    const field = (name: string): unknown => info[info.indexOf(name) + 1];
    const last = String(field('last-generated-id'));
    const first = field('first-entry') as [string, unknown] | null;
    // Trimming does not say what it dropped (max-deleted-entry-id counts XDEL only), so a resume
    // holds while the client's last event itself is kept: the events after it are then all there.
    const kept = first ? compareStreamIds(lastEventId, first[0]) >= 0 : lastEventId === last;
    if (!kept || compareStreamIds(lastEventId, last) > 0 || compareStreamIds(lastEventId, String(field('max-deleted-entry-id'))) < 0) {
      throw gone;
    }
    return lastEventId;
  }

  async read(topic: string, after: string, count: number): Promise<EventEntry[]> {
    const entries = (await this.command.call('XRANGE', [this.keyPrefix + topic, `(${after}`, '+', 'COUNT', count])) as StreamEntries;
    return entries.map(toEntry);
  }

  listen(topic: string, listener: EventListener, after: string): void {
    let read = this.topics.get(topic);
    if (!read) {
      read = { key: this.keyPrefix + topic, cursor: after, listeners: new Set() };
      this.topics.set(topic, read);
      this.byKey.set(read.key, read);
      this.generation++;
      this.nudge();
    }
    read.listeners.add(listener);
  }

  unlisten(topic: string, listener: EventListener): void {
    const read = this.topics.get(topic);
    if (read?.listeners.delete(listener) && read.listeners.size === 0) {
      // The pending XREAD may still bring its entries: they find no topic and are dropped.
      this.topics.delete(topic);
      this.byKey.delete(read.key);
    }
  }

  positionOf(id: string): EventPosition {
    return streamIdPosition(id);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeReader?.();
    this.reader.disconnect();
    await this.readerDone;
    await this.command.quit().catch(() => undefined);
  }

  /** One XREAD at a time over every topic listened to, each from its cursor; entries fan out to the listeners. */
  private async readLoop(): Promise<void> {
    while (!this.closed) {
      if (this.topics.size === 0) {
        await new Promise<void>(resolve => (this.wakeReader = resolve));
        this.wakeReader = undefined;
        continue;
      }
      const topics = [...this.topics.values()];
      this.reading = this.generation;
      let reply: unknown[] | null;
      try {
        reply = (await this.reader.call('XREAD', [
          'COUNT',
          READ_BATCH,
          'BLOCK',
          0,
          'STREAMS',
          ...topics.map(topic => topic.key),
          ...topics.map(topic => topic.cursor),
        ])) as typeof reply;
      } catch (error) {
        if (this.closed) {
          return;
        }
        this.logger.warn(EventMessages.readerFailed(error instanceof Error ? error.message : String(error)));
        this.readerId = undefined;
        await pause();
        this.readerId = await this.replaceReader();
        continue;
      }
      for (const [key, entries] of streamsOf(reply)) {
        const topic = this.byKey.get(key);
        if (!topic || entries.length === 0) {
          continue;
        }
        topic.cursor = entries[entries.length - 1][0];
        for (const raw of entries) {
          const entry = toEntry(raw);
          for (const listener of topic.listeners) {
            listener.deliver(entry);
          }
        }
      }
    }
  }

  /** The reader's connection: commands wait while it connects, but once lost it stays closed (see the class). */
  private openReader(): RedisConnection {
    const reader = this.command.duplicate({ retryStrategy: () => null });
    reader.on('error', () => undefined);
    return reader;
  }

  /**
   * After a failed XREAD: a new reader connection, and its id, which `CLIENT UNBLOCK` targets from
   * now on. While Redis is away the id is `undefined` (the connection failed at once) and the loop
   * tries again after its pause; meanwhile a new topic is not nudged in: the next XREAD, built from
   * every topic, takes it.
   */
  private async replaceReader(): Promise<number | undefined> {
    this.reader.disconnect();
    if (this.closed) {
      return undefined;
    }
    this.reader = this.openReader();
    return this.readerIdOf(this.reader);
  }

  private async readerIdOf(reader: RedisConnection): Promise<number | undefined> {
    try {
      return (await reader.call('CLIENT', ['ID'])) as number;
    } catch {
      return undefined;
    }
  }

  /**
   * Gets a new topic into the read: wakes an idle reader, or interrupts its blocked XREAD. An UNBLOCK
   * that found the reader not blocked yet (its XREAD still on the way) is sent again until the reader
   * reads with the new topic.
   */
  private nudge(): void {
    this.wakeReader?.();
    if (this.nudging || this.readerId === undefined) {
      return;
    }
    this.nudging = true;
    void (async () => {
      try {
        while (!this.closed && this.reading < this.generation && this.wakeReader === undefined && this.readerId !== undefined) {
          const unblocked = await this.command.call('CLIENT', ['UNBLOCK', this.readerId]);
          if (unblocked === 1) {
            return;
          }
          await new Promise(resolve => setImmediate(resolve));
        }
      } catch {
        // Redis is away: the reader's own retry picks the topic up.
      } finally {
        this.nudging = false;
      }
    })();
  }
}

/** The reader's pause before it tries again after Redis failed it. */
const pause = () => new Promise(resolve => setTimeout(resolve, READER_RETRY_MS));

/**
 * XREAD's reply as `[key, entries]` pairs: RESP2 answers an array of pairs, RESP3 a map, which
 * ioredis hands over as one flat array of keys and values.
 */
function streamsOf(reply: unknown[] | null): [key: string, entries: StreamEntries][] {
  if (!reply || reply.length === 0) {
    return [];
  }
  if (Array.isArray(reply[0])) {
    return reply as [string, StreamEntries][];
  }
  const pairs: [string, StreamEntries][] = [];
  for (let index = 0; index + 1 < reply.length; index += 2) {
    pairs.push([reply[index] as string, reply[index + 1] as StreamEntries]);
  }
  return pairs;
}

/** An entry as an event; an entry some other writer put in the stream without JSON in `d` has a null payload. */
function toEntry([id, fields]: [string, string[]]): EventEntry {
  const index = fields.indexOf(PAYLOAD_FIELD);
  let payload: unknown = null;
  try {
    payload = index >= 0 ? JSON.parse(fields[index + 1]) : null;
  } catch {
    // Not ours: the reader goes on.
  }
  return { id, position: streamIdPosition(id), payload };
}
