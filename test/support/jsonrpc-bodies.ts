/** A JSON-RPC 2.0 request; without `id` it is a notification. */
export const rpcRequest = (method: unknown, params?: unknown, id?: unknown) => ({
  jsonrpc: '2.0',
  method,
  ...(params === undefined ? {} : { params }),
  ...(id === undefined ? {} : { id }),
});

/** A JSON-RPC 2.0 success answer. */
export const rpcResult = (result: unknown, id: unknown) => ({ jsonrpc: '2.0', result, id });

/** A JSON-RPC 2.0 error answer (`data` only when given). */
export const rpcError = (code: number, message: string, id: unknown, data?: unknown) => ({
  jsonrpc: '2.0',
  error: data === undefined ? { code, message } : { code, message, data },
  id,
});
