import type { OpenRpcDocument } from './openrpc-document.interface.js';
import { requestOrigin, serverUrl, type OriginSource } from './server-url.js';

/** Stands for the server URL in the document's text until a request's origin replaces it. */
const URL_MARK = '\u0000weerpc-server-url\u0000';

/**
 * The JSON text of an endpoint's document as a GET of it is answered: the server URL absolute for
 * the request's origin, or the document's own (unknown-origin) URL when the origin cannot be told.
 * The text is serialised once; a request only joins its two halves around its URL, so the answer
 * costs what a fixed string did, and nothing is kept per origin (the Host header is the caller's
 * to choose: a cache keyed by it would grow without bound).
 */
export function servedDocumentText(document: OpenRpcDocument, path: string): (request: OriginSource) => string {
  const [server, ...others] = document.servers;
  const text = JSON.stringify({ ...document, servers: [{ ...server, url: URL_MARK }, ...others] });
  const mark = text.indexOf(JSON.stringify(URL_MARK));
  const head = text.slice(0, mark);
  const tail = text.slice(mark + JSON.stringify(URL_MARK).length);
  const unknown = head + JSON.stringify(server.url) + tail;
  return request => {
    const origin = requestOrigin(request);
    return origin === undefined ? unknown : head + JSON.stringify(serverUrl(path, origin)) + tail;
  };
}
