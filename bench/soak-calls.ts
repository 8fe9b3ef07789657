import { SOAK_BODY_LIMIT } from './soak-app.js';

/** One kind of call in the soak's mix, with the answer it must get. */
export interface SoakCall {
  readonly kind: string;
  readonly body: Buffer;
  readonly contentType: string;
  /** Send one of the pre-opened session cookies. */
  readonly withSession?: boolean;
  /** Send half the body, then hang up: no answer is expected. */
  readonly abort?: boolean;
  readonly expect: { readonly status: number; readonly ok: boolean; readonly message?: string | null };
}

const json = 'application/json';
const call = (fn: string, data: unknown) => Buffer.from(JSON.stringify({ weerpc: 1.1, function: fn, data }));
const ok = { status: 200, ok: true };
const failed = (message: string, status = 200) => ({ status, ok: false, message });

/** Good and bad calls, in the order the soak cycles through them. */
export const SOAK_CALLS_MIX: readonly SoakCall[] = [
  { kind: 'echo', body: call('echo', { a: [1, 2, 3], b: 'text' }), contentType: json, expect: ok },
  { kind: 'add_numbers', body: call('add_numbers', [1, 2, 3]), contentType: json, expect: ok },
  { kind: 'async', body: call('later', 'x'.repeat(200)), contentType: json, expect: ok },
  { kind: 'session', body: call('remember', { n: 1 }), contentType: json, withSession: true, expect: ok },
  { kind: 'dto ok', body: call('count', { count: 41 }), contentType: json, expect: ok },
  { kind: 'dto invalid', body: call('count', { count: 'x', __proto__: 1 }), contentType: json, expect: failed('Invalid data.') },
  {
    kind: 'deep data',
    body: Buffer.from(`{"weerpc":1.1,"function":"echo","data":${'['.repeat(500)}${']'.repeat(500)}}`),
    contentType: json,
    expect: ok,
  },
  {
    kind: 'too deep',
    body: Buffer.from(`{"weerpc":1.1,"function":"echo","data":${'['.repeat(2000)}${']'.repeat(2000)}}`),
    contentType: json,
    expect: failed('Invalid request.'),
  },
  { kind: 'malformed', body: Buffer.from('{"weerpc":1.1,"function":'), contentType: json, expect: failed('Request must be JSON.') },
  { kind: 'not utf-8', body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), contentType: json, expect: failed('Request must be JSON.') },
  { kind: 'wrong type', body: call('echo', 1), contentType: 'text/plain', expect: failed('Request must be JSON.') },
  { kind: 'empty', body: Buffer.from('{}'), contentType: json, expect: failed('Request must not be empty.') },
  { kind: 'not object', body: Buffer.from('[1,2]'), contentType: json, expect: failed('Invalid request.') },
  { kind: 'version', body: Buffer.from('{"weerpc":"1.1","function":"echo"}'), contentType: json, expect: failed('Invalid weerpc version.') },
  { kind: 'proto name', body: call('__proto__', 1), contentType: json, expect: failed('Invalid function.') },
  { kind: 'unknown fn', body: call('nope', 1), contentType: json, expect: failed('Invalid function.') },
  { kind: 'http error', body: call('missing', { id: 7 }), contentType: json, expect: failed('Client 7 not found') },
  { kind: 'crash', body: call('crash', null), contentType: json, expect: failed('Internal server error.', 500) },
  { kind: 'too large', body: call('echo', 'x'.repeat(SOAK_BODY_LIMIT + 1024)), contentType: json, expect: failed('Request too large.', 413) },
  { kind: 'aborted', body: call('echo', 'y'.repeat(4000)), contentType: json, abort: true, expect: ok },
];
