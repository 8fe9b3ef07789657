import type { IncomingHttpHeaders } from 'node:http';

/**
 * The origin a document states when it is not built for a request (`getOpenRpcDocuments`,
 * `rpc.discover`). OpenRPC's meta-schema wants the server URL absolute (`format: uri`), and the
 * app does not know the name it is reached by; `.invalid` is reserved never to resolve (RFC 6761),
 * so a tool that calls it fails at once instead of reaching some other server.
 */
export const UNKNOWN_ORIGIN = 'http://origin.invalid';

/** A host name, IPv4 or bracketed IPv6 address, and an optional port: nothing a URL could read as more. */
const HOST = /^[A-Za-z0-9._~:[\]-]+$/;

/** What the origin of a request is read from: Express's and Fastify's requests both carry these. */
export interface OriginSource {
  readonly headers: IncomingHttpHeaders;
  /** `http` or `https`, as the framework tells it (its trust-proxy setting included). */
  readonly protocol?: string;
  /** The host and port, as the framework tells it (`X-Forwarded-Host` only when trusted). */
  readonly host?: string;
}

/**
 * `http(s)://host[:port]` of a request, or `undefined` when it cannot be told. The framework's
 * `protocol` and `host` are read first, so a trusted proxy's forwarded values count exactly as the
 * app configured them. The Host header comes from the caller: anything but a bare host name or
 * address and port is refused rather than written into the document.
 */
export function requestOrigin(request: OriginSource): string | undefined {
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  const host = request.host || request.headers.host;
  if (!host || !HOST.test(host)) {
    return undefined;
  }
  try {
    return new URL(`${protocol}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** The absolute URL of an endpoint at `path` (global prefix included) for `origin`. */
export function serverUrl(path: string, origin: string = UNKNOWN_ORIGIN): string {
  // One leading slash: `//name` would be read as a host, not a path.
  return new URL(path.replace(/^\/*/, '/'), origin).href;
}

/**
 * The endpoint path of a document's server URL, absolute or (in documents of older versions)
 * relative: generated types key `ApiByPath` by it, whichever origin the document was read from.
 */
export function serverPath(url: string): string {
  try {
    return new URL(url, UNKNOWN_ORIGIN).pathname;
  } catch {
    return url; // another server's URL with variables (`http://{host}/rpc`): kept as written
  }
}
