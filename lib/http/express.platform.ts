import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import { JSON_CONTENT_TYPE } from '../weerpc.constants.js';
import type { RpcEndpointLookup, RpcHttpPlatform, RpcRequestHandler, RpcResourceHandler } from './http-platform.interface.js';
import { writeEventStream } from './event-stream.writer.js';
import type { HttpDrain } from './http-drain.js';
import { httpCaller } from './http-caller.js';
import { readBody } from './read-body.js';
import { unfinishedBodyAnswer } from './unfinished-body.answer.js';
import { abandonAnswer } from './unsent-answer.handler.js';

type ExpressRequest = IncomingMessage & { path?: string; body?: unknown; session?: unknown; [RPC_BODY]?: RpcBody };
type Next = (error?: unknown) => void;
type Middleware = (request: ExpressRequest, response: ServerResponse, next: Next) => void;

interface ExpressApp {
  use(handler: Middleware): unknown;
  post(path: string, handler: (request: ExpressRequest, response: ServerResponse) => void): unknown;
  get(path: string, handler: (request: ExpressRequest, response: ServerResponse) => void): unknown;
  router?: { stack?: { name?: string }[] };
}

const RPC_BODY = Symbol('weerpc:body');

/** Express 5: an early middleware reads the endpoints' bodies; a plain route answers. */
export class WeeRpcExpressPlatform implements RpcHttpPlatform {
  constructor(
    private readonly app: ExpressApp,
    private readonly drain: HttpDrain,
  ) {}

  installBodyReader(lookup: RpcEndpointLookup): void {
    this.app.use((request, response, next) => {
      const endpoint = request.method === 'POST' ? lookup(request.url ?? '/') : undefined;
      if (!endpoint || request.readableEnded) {
        return next();
      }
      readBody(request, endpoint.bodyLimit, request.headers['content-length'], endpoint.bodyTimeout)
        .then(body => {
          if (!body) {
            return; // the client went away: there is no one to answer
          }
          const unfinished = unfinishedBodyAnswer(endpoint, body);
          if (unfinished) {
            // Far too large to drain, or too slow: answer now, before any other middleware reads the rest.
            return send(request, response, unfinished, true);
          }
          request[RPC_BODY] = body;
          next();
        })
        .catch(error => abandonAnswer(endpoint, response, error));
    });
  }

  registerEndpoint(endpoint: RpcEndpoint, handle: RpcRequestHandler): void {
    this.app.post(endpoint.path, (request, response) => {
      void this.answer(endpoint, handle, request, response);
    });
  }

  registerResource(path: string, handle: RpcResourceHandler): void {
    this.app.get(path, (request, response) => {
      void handle(request, response).then(answer => {
        response.statusCode = answer.status;
        response.setHeader('Content-Type', answer.contentType);
        response.setHeader('Content-Length', Buffer.byteLength(answer.body));
        response.end(request.method === 'HEAD' ? undefined : answer.body);
      });
    });
  }

  hasSessionMiddleware(): boolean | undefined {
    const stack = this.app.router?.stack;
    return stack ? stack.some(layer => layer.name === 'session') : undefined;
  }

  /**
   * One request, counted for the drain; an error once answering began is logged and the connection
   * closed. One async function, its steps inline: every promise less is a little less per request.
   */
  private async answer(endpoint: RpcEndpoint, handle: RpcRequestHandler, request: ExpressRequest, response: ServerResponse): Promise<void> {
    this.drain.enter();
    try {
      const body = request[RPC_BODY] ?? (await bodyOfUnreadRequest(request, endpoint));
      if (!body) {
        return;
      }
      const unfinished = unfinishedBodyAnswer(endpoint, body);
      const answer = unfinished ?? (await handle(endpoint, httpCaller(request, response), { body, contentType: request.headers['content-type'] }));
      if (answer.events) {
        await writeEventStream(response, answer.events, endpoint.streamKeepAlive, this.drain.streams, this.drain.headers);
        return;
      }
      send(request, response, answer, unfinished !== null || this.drain.closesConnections);
    } catch (error) {
      abandonAnswer(endpoint, response, error);
    } finally {
      this.drain.leave();
    }
  }
}

/** The body reader missed this request (a path spelled differently): read or take it here. */
function bodyOfUnreadRequest(request: ExpressRequest, endpoint: RpcEndpoint): Promise<RpcBody | null> | RpcBody {
  if (request.readableEnded) {
    return request.body === undefined ? { kind: 'bytes', bytes: Buffer.alloc(0) } : { kind: 'parsed', value: request.body };
  }
  return readBody(request, endpoint.bodyLimit, request.headers['content-length'], endpoint.bodyTimeout);
}

/** Sends an answer; `close` when the body was not read to its end (the connection cannot be reused) or the server drains. */
function send(request: IncomingMessage, response: ServerResponse, answer: RpcAnswer, close = false): void {
  if (response.headersSent || response.writableEnded) {
    return; // an exception filter answered by itself
  }
  response.statusCode = answer.status;
  if (answer.status === 204) {
    // Nothing to answer (JSON-RPC notifications): no body, so no Content-Type or Content-Length (RFC 9110).
    response.end();
    return;
  }
  response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  response.setHeader('Content-Length', Buffer.byteLength(answer.body));
  if (close || !request.complete) {
    // The rest of an oversized or stalled body was not read (the connection cannot be reused), or the server drains.
    response.setHeader('Connection', 'close');
  }
  response.end(answer.body);
}
