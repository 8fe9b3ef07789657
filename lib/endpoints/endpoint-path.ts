/** The route of an endpoint as the router sees it: the global prefix, then the endpoint's path (`/api/rpc`). */
export function joinEndpointPath(globalPrefix: string, path: string): string {
  const parts = [globalPrefix, path].map(part => part.replace(/^\/+|\/+$/g, '')).filter(part => part.length > 0);
  return `/${parts.join('/')}`;
}

/** The key a request path is looked up by, compared as the router does by default: any case, trailing slash optional. */
export function normalizeEndpointPath(path: string): string {
  const query = path.indexOf('?');
  const pathname = query === -1 ? path : path.slice(0, query);
  return pathname.replace(/\/+$/, '').toLowerCase() || '/';
}
