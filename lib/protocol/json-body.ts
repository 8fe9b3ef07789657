/**
 * `application/json` or `application/<anything>+json`, any case, parameters allowed:
 * the reference's (Werkzeug's) `is_json` rule.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) {
    return false;
  }
  const semicolon = contentType.indexOf(';');
  const mime = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Marks a body that is not valid UTF-8 JSON. */
export const NOT_JSON = Symbol('not-json');

/** The body's text: strict UTF-8, a leading BOM dropped; `undefined` when the bytes are not UTF-8. */
export function jsonTextOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `JSON.parse`, or `NOT_JSON` for no text or text that is not JSON. */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) {
    return NOT_JSON;
  }
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Python's falsiness, which the reference applies to the whole body. */
export function isFalsyBody(value: unknown): boolean {
  if (value === null || value === false || value === 0 || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

/** A JSON object (not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
