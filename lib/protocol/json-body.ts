import type { RpcBody } from '../interfaces/rpc-body.interface.js';

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

/** Strict UTF-8 (a leading BOM is dropped), then JSON; `NOT_JSON` when either fails. */
export function parseJsonBody(body: RpcBody): unknown {
  if (body.kind === 'parsed') {
    return body.value;
  }
  if (body.kind !== 'bytes') {
    return NOT_JSON;
  }
  try {
    return JSON.parse(utf8.decode(body.bytes));
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
