import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { originAllowed } from '../auth/allowed-origins.js';
import type { WebSocket, WebSocketServer } from 'ws';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcWsSettings } from '../endpoints/rpc-endpoint.interface.js';
import { ADMISSION } from '../dispatch/rpc-input.js';
import { RpcMessages } from '../weerpc.messages.js';
import { WeeRpcWsConnection, WS_GOING_AWAY, WS_POLICY_VIOLATION } from './weerpc-ws.connection.js';
import { callerOf, type RpcWsPeer } from './ws-caller.js';

/** The `ws` package's server class, loaded only when an endpoint has the `ws` option. */
export type WebSocketServerClass = typeof WebSocketServer;

/** A close reason must fit in 123 bytes (RFC 6455). */
const MAX_REASON_BYTES = 123;

/**
 * The WebSocket side of one endpoint: accepts upgrades the app routed to it, checks the endpoint's
 * origin, session and host rules on the upgrade request, and keeps its sockets alive or closes them
 * (heartbeat, idle timeout) with one timer for all of them.
 */
export class WeeRpcWsServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WeeRpcWsConnection>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly tick: number;
  private nextPing = 0;

  constructor(
    ServerClass: WebSocketServerClass,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcWsSettings,
    private readonly dispatcher: WeeRpcDispatcher,
  ) {
    // A message over the endpoint's bodyLimit closes the socket with 1009 (message too big).
    this.wss = new ServerClass({ noServer: true, clientTracking: false, maxPayload: endpoint.bodyLimit, perMessageDeflate: false });
    this.tick = Math.min(...[settings.heartbeatInterval, settings.idleTimeout].filter(ms => ms > 0));
    if (Number.isFinite(this.tick)) {
      this.nextPing = Date.now() + settings.heartbeatInterval - this.tick / 2;
      this.sweeper = setInterval(() => this.sweep(), this.tick);
      this.sweeper.unref();
    }
  }

  /** Completes the handshake of an upgrade the app routed here; refused peers are told why, then closed. */
  async accept(raw: IncomingMessage, socket: Duplex, head: Buffer, peer: RpcWsPeer): Promise<void> {
    const refusal = await this.refusal(raw, peer);
    this.wss.handleUpgrade(raw, socket, head, webSocket => {
      if (refusal !== null) {
        // Browsers cannot read an upgrade's HTTP status, but they can read a close code and reason.
        webSocket.close(WS_POLICY_VIOLATION, fitReason(refusal));
        return;
      }
      this.open(webSocket, peer);
    });
  }

  /** Closes every socket (1001) and stops the timer; sockets that do not close within `graceMs` are cut. */
  async close(graceMs = 1000): Promise<void> {
    if (this.sweeper) {
      clearInterval(this.sweeper);
    }
    const sockets = [...this.connections].map(connection => connection.socket);
    const allClosed = Promise.all(sockets.map(socket => new Promise(resolve => socket.once('close', resolve))));
    sockets.forEach(socket => socket.close(WS_GOING_AWAY, RpcMessages.shuttingDown));
    const timer = new Promise(resolve => setTimeout(resolve, graceMs).unref());
    await Promise.race([allClosed, timer]);
    sockets.forEach(socket => socket.terminate());
    this.wss.close();
  }

  /** The origin is the socket's own check; the endpoint's rules are the core's, as for any call. */
  private async refusal(raw: IncomingMessage, peer: RpcWsPeer): Promise<string | null> {
    if (!originAllowed(raw.headers.origin, peer.host, this.settings.allowedOrigins)) {
      return RpcMessages.originNotAllowed;
    }
    const denial = await this.dispatcher.execute(this.endpoint, callerOf(peer, raw.headers, undefined), ADMISSION);
    return denial?.message ?? null;
  }

  private open(webSocket: WebSocket, peer: RpcWsPeer): void {
    const connection = new WeeRpcWsConnection(webSocket, this.endpoint, this.settings, this.dispatcher, peer);
    this.connections.add(connection);
    webSocket.on('error', () => webSocket.terminate());
    webSocket.once('close', () => {
      connection.release();
      this.connections.delete(connection);
    });
  }

  /** One pass for every socket: drop those that missed a pong, close the idle ones, ping the rest. */
  private sweep(): void {
    const { heartbeatInterval, idleTimeout } = this.settings;
    const now = Date.now();
    // The sweep runs at the shorter of the two periods; pings go out only every heartbeatInterval.
    const ping = heartbeatInterval > 0 && now >= this.nextPing;
    if (ping) {
      this.nextPing = now + heartbeatInterval - this.tick / 2;
    }
    for (const connection of this.connections) {
      const { socket } = connection;
      if (idleTimeout > 0 && !connection.busy && now - connection.lastActive >= idleTimeout) {
        socket.close(WS_GOING_AWAY, RpcMessages.idle);
        continue;
      }
      if (ping) {
        if (!connection.alive) {
          socket.terminate();
          continue;
        }
        connection.alive = false;
        socket.ping();
      }
    }
  }
}

function fitReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) {
    return reason;
  }
  let fitted = reason.slice(0, MAX_REASON_BYTES);
  while (Buffer.byteLength(fitted) > MAX_REASON_BYTES) {
    fitted = fitted.slice(0, -1);
  }
  return fitted;
}
