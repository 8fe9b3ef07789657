/**
 * A request body as the HTTP layer hands it to the dispatcher:
 * the raw bytes, an already parsed value (another parser ran first), too large to keep, or not
 * all there when the endpoint's `bodyTimeout` ran out.
 */
export type RpcBody =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'parsed'; readonly value: unknown }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'timed-out' };
