/** A weeRPC 1.1 request object. */
export interface WeeRpcRequest<TData = unknown> {
  weerpc: 1.1;
  function: string;
  data: TData | null;
}

/** The reference's request builder. */
export const RpcRequest = {
  /**
   * The request object for a call.
   *
   * @example fetch('/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(RpcRequest.build('add_numbers', [1, 2, 3])) })
   */
  build<TData>(fn: string, data?: TData): WeeRpcRequest<TData> {
    return { weerpc: 1.1, function: fn, data: data === undefined ? null : data };
  },
};

/**
 * The JSON string of a call, ready for `fetch`'s `body` (the reference's JS helper).
 *
 * @example fetch('/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: weerpc('add_numbers', [1, 2, 3]) })
 */
export function weerpc<TData>(fn: string, data?: TData): string {
  return JSON.stringify(RpcRequest.build(fn, data));
}
