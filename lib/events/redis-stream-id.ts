import { comparePositions, type EventPosition } from './event-backend.interface.js';

/** A Redis Streams id, `<ms>-<seq>`, as its two numbers; `undefined` for anything else. */
export function parseStreamId(id: string): [number, number] | undefined {
  const match = /^(\d{1,16})-(\d{1,16})$/.exec(id);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** A Redis Streams id as a position (ids that are none sort first). */
export function streamIdPosition(id: string): EventPosition {
  const [major, minor] = parseStreamId(id) ?? [-1, -1];
  return { major, minor };
}

/** Orders two Redis Streams ids (ids that are none sort first). */
export function compareStreamIds(a: string, b: string): number {
  return comparePositions(streamIdPosition(a), streamIdPosition(b));
}
