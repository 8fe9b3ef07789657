import fc from 'fast-check';

/** Every name an object answers to without owning it: Object.prototype's, and Function.prototype's. */
export const INHERITED_NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype)])];

/** Keys of JSON objects: any string, often a name inherited from Object.prototype. */
export const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(...INHERITED_NAMES) },
);

/** Numbers as JSON text, including ones no double can hold. */
export const hostileNumberText = fc.oneof(
  fc.double().map(value => JSON.stringify(value)),
  fc.integer().map(String),
  fc.constantFrom('1e400', '-1e400', '1e-400', '-0', '0.0000000000000000000001', '9007199254740993'),
  fc.stringMatching(/^-?[1-9][0-9]{20,400}(\.[0-9]{1,50})?([eE][+-]?[0-9]{1,4})?$/),
);

const leafText = fc.oneof(
  fc.constantFrom('null', 'true', 'false'),
  hostileNumberText,
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(text => JSON.stringify(text)),
  fc.string({ unit: 'binary', maxLength: 20 }).map(text => JSON.stringify(text)),
);

/**
 * JSON text (not values: a value with an own `__proto__` key is awkward to build in JS, text
 * is exact) with keys from `hostileKey`, duplicates and all.
 */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leafText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }).map(items => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(hostileKey, tie('value')), { maxLength: 5 })
    .map(entries => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
})).value;

/** A character Node's HTTP parser accepts inside a header value (VCHAR, SP, HTAB, obs-text). */
const headerChar = fc
  .oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) },
    { weight: 1, arbitrary: fc.constantFrom(0x20, 0x09) },
    { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  )
  .map(code => String.fromCharCode(code));

/** A header value as Node hands it to the application: no leading or trailing whitespace. */
export const headerValue = (maxLength = 40) => fc.array(headerChar, { maxLength }).map(chars => chars.join('').trim());

/** Content-Types: JSON ones, near misses, and noise, with or without a charset. */
export const contentType = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'application/json',
        'APPLICATION/JSON',
        'application/vnd.api+json',
        'application/merge-patch+json',
        'text/json',
        'application/jsonp',
        'application/x-json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/+json',
        '+json',
        'application/json+xml',
        '',
      ),
      fc.tuple(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^[a-z+.-]{1,12}$/)).map(([a, b]) => `${a}/${b}`),
      headerValue(30),
    ),
    fc.option(fc.oneof(fc.constantFrom('utf-8', 'UTF-8', 'utf-16', 'utf-16le', 'latin1', 'iso-8859-1', 'us-ascii', '"utf-8"', ''), headerValue(12))),
  )
  .map(([type, charset]) => (charset === null ? type : `${type}; charset=${charset}`));

/** The content-type rule of docs/protocol.md (row 4), written out independently as the oracle. */
export function isJsonTypeByProtocol(type: string): boolean {
  const mime = type.split(';')[0].trim().toLowerCase();
  return mime === 'application/json' || /^application\/.*\+json$/.test(mime);
}
