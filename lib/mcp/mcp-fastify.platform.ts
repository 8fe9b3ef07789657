import { ORIGINAL_CONTENT_TYPE, restoreContentType, steerContentType } from '../http/steered-content-type.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import { readBody } from '../http/read-body.js';
import type { McpHttpPlatform, McpRouteHandler, McpRouteLimits } from './mcp-platform.interface.js';

interface FastifyRequestLike {
  raw: IncomingMessage;
  headers: IncomingMessage['headers'];
  body?: unknown;
  [ORIGINAL_CONTENT_TYPE]?: string;
  [LIMITS]?: McpRouteLimits;
}

interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): unknown;
}

type ParserDone = (error: Error | null, body?: unknown) => void;

interface FastifyInstanceLike {
  addContentTypeParser(type: string, parser: (request: FastifyRequestLike, payload: Readable, done: ParserDone) => void): void;
  hasContentTypeParser(type: string): boolean;
  route(options: {
    method: string[];
    url: string;
    onRequest: (request: FastifyRequestLike, reply: FastifyReplyLike, done: () => void) => void;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void;
  }): unknown;
}

/** A media type no client sends: MCP bodies are steered to our reader with it, whatever they say. */
const MCP_BODY_TYPE = 'application/x-weerpc-mcp-body';
const LIMITS = Symbol('weerpc:mcp-limits');
/** A POST without a body: Fastify calls no parser for it. */
const EMPTY_BODY: RpcBody = { kind: 'bytes', bytes: Buffer.alloc(0) };

/**
 * Fastify 5: the route relabels its POSTs in `onRequest` so that a stream parser of ours reads
 * the body (counting bytes for `bodyLimit`, rather than Fastify's JSON parser and its 413), then
 * hijacks the reply: the SDK's transport writes Node's response itself.
 */
export class McpFastifyPlatform implements McpHttpPlatform {
  constructor(private readonly fastify: FastifyInstanceLike) {}

  installBodyReader(): void {
    // Nothing before the app's parsers: the route steers its own requests.
  }

  addRoute(path: string, limits: McpRouteLimits, handler: McpRouteHandler): void {
    this.ensureParser();
    this.fastify.route({
      method: ['POST', 'GET', 'DELETE'],
      url: path,
      onRequest: (request, _reply, done) => {
        if (request.raw.method === 'POST') {
          steerContentType(request, MCP_BODY_TYPE);
          request[LIMITS] = limits;
        }
        done();
      },
      handler: (request, reply) => {
        restoreContentType(request, MCP_BODY_TYPE);
        reply.hijack();
        const body = request.raw.method !== 'POST' ? undefined : request.body === undefined ? EMPTY_BODY : (request.body as RpcBody | null);
        handler(request, reply, request.raw, reply.raw, body);
      },
    });
  }

  private ensureParser(): void {
    if (this.fastify.hasContentTypeParser(MCP_BODY_TYPE)) {
      return;
    }
    this.fastify.addContentTypeParser(MCP_BODY_TYPE, (request, payload, done) => {
      restoreContentType(request, MCP_BODY_TYPE);
      const limits = request[LIMITS]!;
      void readBody(payload, limits.bodyLimit, request.headers['content-length'], limits.bodyTimeout).then(body => done(null, body));
    });
  }
}
