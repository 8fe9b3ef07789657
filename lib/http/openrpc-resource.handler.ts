import type { IncomingHttpHeaders } from 'node:http';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import { ADMISSION } from '../dispatch/rpc-input.js';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcResource } from '../openrpc/endpoint-discovery.factory.js';
import { JSON_CONTENT_TYPE } from '../weerpc.constants.js';
import { httpCaller } from './http-caller.js';

/** What a discovery GET route answers: the resource, or the endpoint's own refusal. */
export interface RpcResourceAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * A GET of the document or the explorer goes through the core's door as an admission: a caller
 * the endpoint refuses gets the same answer as a refused call, never the resource.
 */
export async function answerResource(
  dispatcher: WeeRpcDispatcher,
  endpoint: RpcEndpoint,
  resource: RpcResource,
  request: { headers: IncomingHttpHeaders; session?: unknown },
  response: unknown,
): Promise<RpcResourceAnswer> {
  const denial = await dispatcher.execute(endpoint, httpCaller(request, response), ADMISSION);
  if (denial) {
    const refusal = endpoint.codec.answer(denial, null);
    return { status: refusal.status, contentType: JSON_CONTENT_TYPE, body: refusal.body };
  }
  return { status: 200, contentType: resource.contentType, body: resource.body(request) };
}
