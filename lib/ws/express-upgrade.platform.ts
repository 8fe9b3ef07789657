import type { IncomingMessage, ServerResponse } from 'node:http';
import { RpcMessages } from '../weerpc.messages.js';
import type { RpcUpgradeHandler, RpcWsPlatform } from './ws-upgrade-platform.interface.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface ExpressAppLike extends Handler {
  get(path: string, handler: Handler): unknown;
}

/** Express 5: the app is itself a request handler; the WebSocket path is a GET route of it. */
export class WeeRpcExpressUpgradePlatform implements RpcWsPlatform {
  constructor(private readonly app: ExpressAppLike) {}

  addUpgradeRoute(path: string, handler: RpcUpgradeHandler): void {
    this.app.get(path, (request, response) => {
      if (request.headers.upgrade?.toLowerCase() !== 'websocket') {
        return answerUpgradeRequired(response);
      }
      handler(request, response, request, response);
    });
  }

  route(request: IncomingMessage, response: ServerResponse): void {
    this.app(request, response);
  }
}

/** A plain GET on the WebSocket path. */
export function answerUpgradeRequired(response: ServerResponse): void {
  const body = RpcMessages.upgradeRequired;
  response.writeHead(426, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}
