/** `allowedOrigins` as compared: lower case, no trailing slash. */
export function normalizeOrigins(origins: readonly string[] | undefined): ReadonlySet<string> {
  return new Set((origins ?? []).map(origin => origin.replace(/\/+$/, '').toLowerCase()));
}

/**
 * The DNS-rebinding and cross-site rule of the WebSocket upgrade and the MCP endpoint: no `Origin`
 * (not a browser), the request's own host, or one of `allowed` (normalized by `normalizeOrigins`).
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) {
    return true;
  }
  const normalized = origin.toLowerCase();
  if (allowed.has(normalized)) {
    return true;
  }
  try {
    return host !== undefined && new URL(normalized).host === host.toLowerCase();
  } catch {
    return false;
  }
}
