/**
 * Small scans of a JSON text that `JSON.parse` already accepted: nesting depth and the exact
 * source of `id` numbers. Both are loops, not recursion, and skip strings with `indexOf`.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** The index of the quote that closes the string opening at `start`. */
function endOfString(text: string, start: number): number {
  let end = start;
  for (;;) {
    end = text.indexOf('"', end + 1);
    if (end === -1) {
      return text.length;
    }
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return end;
    }
  }
}

/**
 * Whether valid JSON `text` nests arrays and objects more than `maxDepth` levels (the outermost
 * one is level 1). Two bounds come first, each far cheaper than the scan: a text shorter than two
 * characters per level cannot nest that deep, nor one with no more than `maxDepth` `[` and `{` in
 * all (counted by `indexOf`, strings included). Only bodies past both are scanned.
 */
export function textExceedsDepth(text: string, maxDepth: number): boolean {
  if (text.length < 2 * (maxDepth + 1) || !hasMoreOpeners(text, maxDepth)) {
    return false;
  }
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = endOfString(text, index);
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > maxDepth) {
        return true;
      }
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** Whether `text` holds more than `count` `[` and `{` characters together. */
function hasMoreOpeners(text: string, count: number): boolean {
  let seen = 0;
  for (let index = text.indexOf('{'); index !== -1; index = text.indexOf('{', index + 1)) {
    if (++seen > count) {
      return true;
    }
  }
  for (let index = text.indexOf('['); index !== -1; index = text.indexOf('[', index + 1)) {
    if (++seen > count) {
      return true;
    }
  }
  return false;
}

/** The stacks of `valueExceedsDepth`, kept between calls: the walk allocates nothing per request. */
const pending: object[] = [];
const pendingDepths: number[] = [];

/**
 * The same rule for a value parsed by someone else (no text to scan): a walk with a stack of its
 * own, over arrays and objects only (scalars are never pushed).
 */
export function valueExceedsDepth(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  pending.length = 0;
  pendingDepths.length = 0;
  pending.push(value);
  pendingDepths.push(1);
  while (pending.length > 0) {
    const current = pending.pop() as Record<string, unknown>;
    const depth = pendingDepths.pop()!;
    if (depth > maxDepth) {
      pending.length = 0;
      pendingDepths.length = 0;
      return true;
    }
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        push(current[index], depth);
      }
    } else {
      for (const key in current) {
        push(current[key], depth);
      }
    }
  }
  return false;
}

function push(child: unknown, depth: number): void {
  if (typeof child === 'object' && child !== null) {
    pending.push(child);
    pendingDepths.push(depth + 1);
  }
}

const NUMBER_CHAR = /[-+.\deE]/;

/**
 * The source text of the `id` member's number, for a request object (`element` -1) or for the
 * object at `element` of a batch; the last `id` wins, as in `JSON.parse`. `undefined` when that
 * `id` is not a number. One pass, for a body whose parsed id lost digits (rare: ids beyond 2^53).
 */
export function idNumberSource(text: string, element: number): string | undefined {
  const target = element < 0 ? 1 : 2;
  let depth = 0;
  let current = -1;
  let inObject = false;
  let expectingKey = false;
  let key: string | undefined;
  let found: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = endOfString(text, index);
      if (depth === target && inObject && expectingKey && current === element) {
        const raw = text.slice(index, end + 1);
        key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        expectingKey = false;
      }
      index = end;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      depth++;
      if (depth === 1 && target === 2) {
        current = code === OPEN_ARRAY ? 0 : -2; // a batch counts its elements; an object is no batch
      } else if (depth === target) {
        inObject = code === OPEN_OBJECT;
        expectingKey = inObject;
        key = undefined;
      }
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) {
      if (depth === target && current === element) {
        if (inObject) {
          return found;
        }
      }
      depth--;
    } else if (code === COMMA) {
      if (depth === target) {
        expectingKey = inObject;
      } else if (depth === 1 && target === 2) {
        current++;
      }
    } else if (code === COLON && depth === target && inObject && current === element && key === 'id') {
      let start = index + 1;
      while (start < text.length && text.charCodeAt(start) <= 0x20) {
        start++;
      }
      let end = start;
      while (end < text.length && NUMBER_CHAR.test(text[end])) {
        end++;
      }
      found = end > start ? text.slice(start, end) : undefined;
      index = end - 1;
    }
  }
  return found;
}
