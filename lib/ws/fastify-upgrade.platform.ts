import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerUpgradeRequired } from './express-upgrade.platform.js';
import type { RpcUpgradeHandler, RpcWsPlatform } from './ws-upgrade-platform.interface.js';

interface FastifyRequestLike {
  raw: IncomingMessage;
}

interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): unknown;
}

interface FastifyInstanceLike {
  route(options: { method: string; url: string; handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void }): unknown;
  /** Fastify's own request handler (what @fastify/websocket runs upgrade requests through). */
  routing(request: IncomingMessage, response: ServerResponse): void;
}

/** Fastify 5: upgrade requests go through `fastify.routing`, so `onRequest` hooks (sessions) run. */
export class WeeRpcFastifyUpgradePlatform implements RpcWsPlatform {
  constructor(private readonly fastify: FastifyInstanceLike) {}

  addUpgradeRoute(path: string, handler: RpcUpgradeHandler): void {
    this.fastify.route({
      method: 'GET',
      url: path,
      handler: (request, reply) => {
        reply.hijack();
        if (request.raw.headers.upgrade?.toLowerCase() !== 'websocket') {
          return answerUpgradeRequired(reply.raw);
        }
        handler(request, reply, request.raw, reply.raw);
      },
    });
  }

  route(request: IncomingMessage, response: ServerResponse): void {
    this.fastify.routing(request, response);
  }
}
