import type { IncomingMessage } from 'node:http';

/** Where a request steered to one of our content-type parsers keeps the `Content-Type` it came with. */
export const ORIGINAL_CONTENT_TYPE = Symbol('weerpc:content-type');

/** A Fastify request, as far as steering its `Content-Type` goes. */
export interface SteerableRequest {
  raw: IncomingMessage;
  [ORIGINAL_CONTENT_TYPE]?: string;
}

/**
 * Fastify picks a body parser by `Content-Type` before any handler runs (and answers 400/415 on its
 * own), so a route that reads its own body marks its requests with a type of its own in `onRequest`.
 */
export function steerContentType(request: SteerableRequest, steeredType: string): void {
  request[ORIGINAL_CONTENT_TYPE] = request.raw.headers['content-type'];
  request.raw.headers['content-type'] = steeredType;
}

/** The `Content-Type` the request came with, back where the app's hooks, guards and handlers read it. */
export function restoreContentType(request: SteerableRequest, steeredType: string): void {
  if (request.raw.headers['content-type'] !== steeredType) {
    return;
  }
  const original = request[ORIGINAL_CONTENT_TYPE];
  if (original === undefined) {
    delete request.raw.headers['content-type'];
  } else {
    request.raw.headers['content-type'] = original;
  }
}
