import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode } from '../protocol/jsonrpc-errors.js';
import { JSON_CONTENT_TYPE } from '../weerpc.constants.js';
import { JsonRpcMessages, McpMessages, RpcMessages } from '../weerpc.messages.js';

/** An answer the MCP route sends itself, before the SDK sees the request: a JSON-RPC error with no id. */
export interface McpHttpRefusal {
  readonly status: number;
  readonly code: number;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const MCP_REFUSALS = {
  origin: { status: 403, code: JsonRpcErrorCode.Unauthorized, message: McpMessages.originNotAllowed },
  method: { status: 405, code: JsonRpcErrorCode.InvalidRequest, message: McpMessages.methodNotAllowed, headers: { Allow: 'POST' } },
  tooLarge: { status: 413, code: JsonRpcErrorCode.TooLarge, message: RpcMessages.tooLarge },
  timedOut: { status: 408, code: JsonRpcErrorCode.TimedOut, message: RpcMessages.timedOut },
  notJson: { status: 400, code: JsonRpcErrorCode.ParseError, message: JsonRpcMessages.parseError },
} as const satisfies Record<string, McpHttpRefusal>;

/** Sends a refusal; `close` when the body was not read to its end (the connection cannot be reused). */
export function sendRefusal(response: ServerResponse, refusal: McpHttpRefusal, close = false): void {
  if (response.headersSent) {
    return;
  }
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: refusal.code, message: refusal.message }, id: null });
  response.writeHead(refusal.status, {
    ...refusal.headers,
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(body),
    ...(close && { Connection: 'close' }),
  });
  response.end(body);
}
