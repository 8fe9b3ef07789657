/** A Redis Streams id, `<ms>-<seq>`, as its two numbers; `undefined` for anything else. */
export function parseStreamId(id: string): [number, number] | undefined {
  const match = /^(\d{1,16})-(\d{1,16})$/.exec(id);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Orders two Redis Streams ids (ids that are none sort first). */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = parseStreamId(a) ?? [-1, -1];
  const [bMs, bSeq] = parseStreamId(b) ?? [-1, -1];
  return aMs - bMs || aSeq - bSeq;
}
