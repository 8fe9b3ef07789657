import { GoneException } from '@nestjs/common';
import type { WeeRpcEventRetention } from '../interfaces/weerpc-events-options.interface.js';
import { EventMessages } from '../weerpc.messages.js';
import type { EventBackend, EventEntry, EventListener, EventPosition } from './event-backend.interface.js';

interface MemoryEntry extends EventEntry {
  readonly seq: number;
  readonly at: number;
}

/** Every id of this run has major 0; an id of no run of this back-end sorts before them. */
const UNKNOWN_POSITION: EventPosition = { major: -1, minor: -1 };

/** One topic in memory: its newest sequence number, the events kept, the highest sequence number dropped. */
interface MemoryTopic {
  seq: number;
  dropped: number;
  readonly entries: MemoryEntry[];
  readonly listeners: Set<EventListener>;
}

/**
 * The embedded back-end: one process, no dependency. An id is `<boot>-<seq>`: the boot part (this
 * back-end's start time) makes an id of an earlier run (the process restarted, its events gone)
 * unknown rather than taken for an id of this one.
 */
export class MemoryEventBackend implements EventBackend {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly boot = Date.now().toString(36);

  constructor(private readonly retention: WeeRpcEventRetention) {}

  append(topicName: string, payload: unknown): Promise<string> {
    // A copy through JSON: what subscribers get is what Redis would give them, and a payload that
    // cannot be serialized fails here, at its publisher.
    const copy: unknown = JSON.parse(JSON.stringify(payload) ?? 'null');
    const topic = this.topic(topicName);
    const seq = ++topic.seq;
    const entry: MemoryEntry = { id: `${this.boot}-${seq}`, position: { major: 0, minor: seq }, payload: copy, seq, at: Date.now() };
    topic.entries.push(entry);
    this.trim(topic);
    for (const listener of topic.listeners) {
      listener.deliver(entry);
    }
    return Promise.resolve(entry.id);
  }

  tail(topicName: string): Promise<string> {
    return Promise.resolve(`${this.boot}-${this.topics.get(topicName)?.seq ?? 0}`);
  }

  resumeFrom(topicName: string, lastEventId: string): Promise<string> {
    const seq = this.seqOf(lastEventId);
    const topic = this.topics.get(topicName);
    if (topic) {
      this.trim(topic);
    }
    if (seq === undefined || seq > (topic?.seq ?? 0) || seq < (topic?.dropped ?? 0)) {
      return Promise.reject(new GoneException(EventMessages.resumeTooOld(lastEventId)));
    }
    return Promise.resolve(lastEventId);
  }

  read(topicName: string, after: string, count: number): Promise<EventEntry[]> {
    const topic = this.topics.get(topicName);
    if (!topic || topic.entries.length === 0) {
      return Promise.resolve([]);
    }
    // Sequence numbers are consecutive: the first event after `after` is found by subtraction.
    const start = Math.max(0, (this.seqOf(after) ?? 0) + 1 - topic.entries[0].seq);
    return Promise.resolve(topic.entries.slice(start, start + count));
  }

  listen(topicName: string, listener: EventListener): void {
    this.topic(topicName).listeners.add(listener);
  }

  unlisten(topicName: string, listener: EventListener): void {
    this.topics.get(topicName)?.listeners.delete(listener);
  }

  positionOf(id: string): EventPosition {
    const seq = this.seqOf(id);
    return seq === undefined ? UNKNOWN_POSITION : { major: 0, minor: seq };
  }

  close(): Promise<void> {
    this.topics.clear();
    return Promise.resolve();
  }

  /** The sequence number of an id of this run, `undefined` for any other id. */
  private seqOf(id: string): number | undefined {
    const dash = id.lastIndexOf('-');
    if (id.slice(0, dash) !== this.boot) {
      return undefined;
    }
    const seq = Number(id.slice(dash + 1));
    return Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
  }

  private topic(name: string): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { seq: 0, dropped: 0, entries: [], listeners: new Set() };
      this.topics.set(name, topic);
    }
    return topic;
  }

  /** Drops what the retention no longer keeps, oldest first, remembering the newest dropped. */
  private trim(topic: MemoryTopic): void {
    const { count, maxAge } = this.retention;
    let drop = count === undefined ? 0 : Math.max(0, topic.entries.length - count);
    if (maxAge !== undefined) {
      const oldest = Date.now() - maxAge;
      while (drop < topic.entries.length && topic.entries[drop].at < oldest) {
        drop++;
      }
    }
    if (drop > 0) {
      topic.dropped = topic.entries[drop - 1].seq;
      topic.entries.splice(0, drop);
    }
  }
}
