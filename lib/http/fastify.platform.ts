import { ORIGINAL_CONTENT_TYPE, restoreContentType, steerContentType } from './steered-content-type.js';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import { JSON_CONTENT_TYPE } from '../weerpc.constants.js';
import type { RpcHttpPlatform, RpcRequestHandler, RpcResourceHandler } from './http-platform.interface.js';
import { writeEventStream } from './event-stream.writer.js';
import type { HttpDrain } from './http-drain.js';
import { httpCaller } from './http-caller.js';
import { readBody } from './read-body.js';
import { unfinishedBodyAnswer } from './unfinished-body.answer.js';
import { abandonAnswer, reportUnsentAnswer } from './unsent-answer.handler.js';

interface FastifyRequestLike {
  raw: IncomingMessage;
  headers: IncomingMessage['headers'];
  body?: unknown;
  session?: unknown;
  [ORIGINAL_CONTENT_TYPE]?: string;
  [BODY_LIMIT]?: number;
  [BODY_TIMEOUT]?: number;
}

interface FastifyReplyLike {
  raw: ServerResponse;
  sent: boolean;
  code(status: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  getHeaders(): Record<string, number | string | string[] | undefined>;
  send(payload: string): FastifyReplyLike;
  hijack(): FastifyReplyLike;
}

type ParserDone = (error: Error | null, body?: unknown) => void;

interface FastifyInstanceLike {
  addContentTypeParser(type: string, parser: (request: FastifyRequestLike, payload: Readable, done: ParserDone) => void): void;
  hasContentTypeParser(type: string): boolean;
  get(url: string, handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => unknown): unknown;
  route(options: {
    method: string;
    url: string;
    onRequest: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void;
    errorHandler: (error: unknown, request: FastifyRequestLike, reply: FastifyReplyLike) => void;
  }): unknown;
}

/** A media type no client sends: every endpoint request is steered to our own parser with it. */
const RPC_BODY_TYPE = 'application/x-weerpc-body';
const BODY_LIMIT = Symbol('weerpc:body-limit');
const BODY_TIMEOUT = Symbol('weerpc:body-timeout');

/**
 * Fastify 5: Fastify parses bodies by Content-Type before any handler (and answers 400/415 on its
 * own), so the endpoint's route relabels its requests in `onRequest` and a stream parser of ours
 * reads every body, counting bytes for the size limit. Other routes keep their parsers.
 */
export class WeeRpcFastifyPlatform implements RpcHttpPlatform {
  constructor(
    private readonly fastify: FastifyInstanceLike,
    private readonly drain: HttpDrain,
  ) {}

  installBodyReader(): void {
    // Nothing to do before the app's parsers: the route steers its own requests.
  }

  registerEndpoint(endpoint: RpcEndpoint, handle: RpcRequestHandler): void {
    this.ensureParser();
    this.fastify.route({
      method: 'POST',
      url: endpoint.path,
      onRequest: (request, _reply, done) => {
        request[BODY_LIMIT] = endpoint.bodyLimit;
        request[BODY_TIMEOUT] = endpoint.bodyTimeout;
        steerContentType(request, RPC_BODY_TYPE);
        done();
      },
      handler: (request, reply) => {
        void this.answer(endpoint, handle, request, reply);
      },
      errorHandler: (error, _request, reply) => {
        if (clientErrorStatus(error)) {
          throw error; // an app plugin's own 4xx (rate limit, CSRF) keeps the app's answer
        }
        answerInternalError(endpoint, reply, error);
      },
    });
  }

  registerResource(path: string, handle: RpcResourceHandler): void {
    this.fastify.get(path, async (request, reply) => {
      const answer = await handle(request, reply);
      return reply.code(answer.status).header('content-type', answer.contentType).send(answer.body);
    });
  }

  hasSessionMiddleware(): undefined {
    // Fastify plugins load at ready(), after bootstrap: the dispatcher tells on the first request.
    return undefined;
  }

  private ensureParser(): void {
    if (this.fastify.hasContentTypeParser(RPC_BODY_TYPE)) {
      return;
    }
    this.fastify.addContentTypeParser(RPC_BODY_TYPE, (request, payload, done) => {
      restoreContentType(request, RPC_BODY_TYPE);
      const limit = request[BODY_LIMIT] ?? 0;
      void readBody(payload, limit, request.headers['content-length'], request[BODY_TIMEOUT]).then(body => done(null, body));
    });
  }

  /**
   * One request, counted for the drain; an error once answering began is logged and the connection
   * closed. One async function, its steps inline: every promise less is a little less per request.
   */
  private async answer(endpoint: RpcEndpoint, handle: RpcRequestHandler, request: FastifyRequestLike, reply: FastifyReplyLike): Promise<void> {
    this.drain.enter();
    try {
      restoreContentType(request, RPC_BODY_TYPE);
      const body = (request.body ?? { kind: 'bytes', bytes: Buffer.alloc(0) }) as RpcBody | null;
      if (body === null) {
        reply.hijack(); // the client went away: there is no one to answer
        return;
      }
      const unfinished = unfinishedBodyAnswer(endpoint, body);
      const answer = unfinished ?? (await handle(endpoint, httpCaller(request, reply), { body, contentType: request.headers['content-type'] }));
      if (reply.sent) {
        return; // an exception filter answered by itself
      }
      if (answer.events) {
        // Past Fastify's reply (and its onSend hooks): the headers set so far go along.
        reply.hijack();
        const headers = { ...(reply.getHeaders() as OutgoingHttpHeaders), ...this.drain.headers };
        await writeEventStream(reply.raw, answer.events, endpoint.streamKeepAlive, this.drain.streams, headers);
        return;
      }
      reply.code(answer.status).header('content-type', JSON_CONTENT_TYPE);
      if (unfinished || !request.raw.complete || this.drain.closesConnections) {
        // The rest of the body was not read (even if it has arrived by now; the connection cannot be
        // reused), or the server drains: the client's next request goes to another connection.
        reply.header('connection', 'close');
      }
      reply.send(answer.body);
    } catch (error) {
      abandonAnswer(endpoint, reply.raw, error);
    } finally {
      this.drain.leave();
    }
  }
}

/**
 * An error after the dispatcher answered, in the app's hooks around the reply (a session store
 * that cannot save what a function put in the session fails in `onSend`). Fastify's own
 * handler would send the error's message; ours logs it and sends the weeRPC 500 straight on the
 * raw response, past the `onSend` hooks, one of which just failed.
 */
function answerInternalError(endpoint: RpcEndpoint, reply: FastifyReplyLike, error: unknown): void {
  reportUnsentAnswer(endpoint, error);
  reply.hijack();
  const raw = reply.raw;
  if (raw.headersSent) {
    raw.destroy();
    return;
  }
  const answer = endpoint.answers.internalError;
  raw.writeHead(answer.status, {
    ...reply.getHeaders(),
    'content-type': JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(answer.body),
  });
  raw.end(answer.body);
}

function clientErrorStatus(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
