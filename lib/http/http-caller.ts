import type { IncomingHttpHeaders } from 'node:http';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { EVENT_STREAM_CONTENT_TYPE } from '../weerpc.constants.js';

/** An HTTP request as the core sees its caller (both adapters keep Node's headers and a `session`). */
export function httpCaller(request: { headers: IncomingHttpHeaders; session?: unknown }, response: unknown): RpcCaller {
  const { headers } = request;
  return {
    host: headers.host,
    session: request.session,
    headers,
    // `Accept: text/event-stream` asks for a stream's items as Server-Sent Events.
    streams: headers.accept?.includes(EVENT_STREAM_CONTENT_TYPE) ? 'events' : 'none',
    request,
    response,
  };
}
