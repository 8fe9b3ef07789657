import type { IncomingHttpHeaders } from 'node:http';
import { checkAccess } from '../auth/access-rules.js';
import type { RpcEndpoint } from '../dispatch/rpc-endpoint.interface.js';
import type { RpcResource } from '../openrpc/endpoint-discovery.factory.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import { JSON_CONTENT_TYPE } from '../weerpc.constants.js';

/** What a discovery GET route answers: the resource, or the endpoint's own refusal. */
export interface RpcResourceAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * A GET of the document or the explorer: the endpoint-wide checks of a call (functions, session,
 * host) come first, and a refused caller gets the same answer as a refused call, never the resource.
 */
export function answerResource(
  endpoint: RpcEndpoint,
  resource: RpcResource,
  request: { headers: IncomingHttpHeaders; session?: unknown },
): RpcResourceAnswer {
  const denial = endpoint.table.size === 0 ? FAILURES.noFunctions : checkAccess(endpoint.access, request.session, request.headers.host);
  if (denial) {
    const refusal = endpoint.codec.answer(denial, null);
    return { status: refusal.status, contentType: JSON_CONTENT_TYPE, body: refusal.body };
  }
  return { status: 200, contentType: resource.contentType, body: resource.body(request) };
}
