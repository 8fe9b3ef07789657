import type { IncomingHttpHeaders } from 'node:http';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcInboundRequest } from '../interfaces/rpc-inbound-request.interface.js';

/** What the dispatcher reads of an adapter's request (both adapters keep Node's headers and a `session`). */
export function toInboundRequest(
  request: { headers: IncomingHttpHeaders; session?: unknown },
  response: unknown,
  body: RpcBody,
): RpcInboundRequest {
  return {
    host: request.headers.host,
    session: request.session,
    contentType: request.headers['content-type'],
    accept: request.headers.accept,
    body,
    request,
    response,
  };
}
