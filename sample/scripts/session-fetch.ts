import { SESSION_COOKIE } from '../sample.config.js';

/**
 * A `fetch` that keeps the sample's session cookie between calls, as a browser does: what a
 * Node caller hands to `createWeeRpcClient({ fetch })` to stay logged in.
 */
export function sessionFetch(): typeof fetch {
  let cookie: string | undefined;
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) {
      headers.set('cookie', cookie);
    }
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (pair.startsWith(`${SESSION_COOKIE}=`)) {
        // A cleared cookie (logout) comes back empty.
        cookie = pair.length > SESSION_COOKIE.length + 1 ? pair : undefined;
      }
    }
    return response;
  };
}
