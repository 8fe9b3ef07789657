import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { originAllowed } from '../auth/allowed-origins.js';
import type { WebSocket, WebSocketServer } from 'ws';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcWsSettings } from '../endpoints/rpc-endpoint.interface.js';
import { ADMISSION } from '../dispatch/rpc-input.js';
import type { RpcDrainParticipant, RpcDrainWindow } from '../shutdown/rpc-drain-participant.interface.js';
import { DRAIN_FINAL_GRACE } from '../weerpc.constants.js';
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
 * (heartbeat, idle timeout) with one timer for all of them. On shutdown it drains: each socket's
 * calls are answered, new ones refused with `Server shutting down.`, then the socket is closed 1001.
 */
export class WeeRpcWsServer implements RpcDrainParticipant {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<WeeRpcWsConnection>();
  private readonly sweeper?: NodeJS.Timeout;
  private readonly tick: number;
  private nextPing = 0;
  private draining = false;

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
      if (this.draining) {
        // The client reconnects, and its next upgrade goes to another instance.
        webSocket.close(WS_GOING_AWAY, RpcMessages.shuttingDown);
        return;
      }
      this.open(webSocket, peer);
    });
  }

  /**
   * Each socket: calls that arrive are answered `Server shutting down.` (never dropped), those in
   * flight are answered; once it has nothing left to answer, or `window` ended (its streams then end
   * with that failure, and calls still running are answered so), it is closed 1001.
   */
  async drain(window: RpcDrainWindow): Promise<void> {
    this.draining = true;
    await Promise.all([...this.connections].map(connection => this.drainSocket(connection, window)));
  }

  /** Closes every socket still open (1001) and stops the timer; sockets that do not close within `graceMs` are cut. */
  async close(graceMs = DRAIN_FINAL_GRACE): Promise<void> {
    if (this.sweeper) {
      clearInterval(this.sweeper);
    }
    await Promise.all([...this.connections].map(connection => closeSocket(connection.socket, graceMs)));
    this.wss.close();
  }

  private async drainSocket(connection: WeeRpcWsConnection, window: RpcDrainWindow): Promise<void> {
    const ended = await Promise.race([connection.drain().then(() => false), window.then(() => true)]);
    if (ended) {
      await Promise.race([connection.endDrain(), delay(DRAIN_FINAL_GRACE)]);
    }
    await closeSocket(connection.socket, DRAIN_FINAL_GRACE);
  }

  /** The origin is the socket's own check; the endpoint's rules are the core's, as for any call. */
  private async refusal(raw: IncomingMessage, peer: RpcWsPeer): Promise<string | null> {
    if (!originAllowed(raw.headers.origin, peer.host, this.settings.allowedOrigins)) {
      return RpcMessages.originNotAllowed;
    }
    const denial = await this.dispatcher.execute(this.endpoint, callerOf(peer, undefined), ADMISSION);
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

/** Closes a socket 1001 (`Server shutting down.`); one that does not close within `graceMs` is cut. */
async function closeSocket(socket: WebSocket, graceMs: number): Promise<void> {
  if (socket.readyState === socket.CLOSED) {
    return;
  }
  const closed = new Promise(resolve => socket.once('close', resolve));
  socket.close(WS_GOING_AWAY, RpcMessages.shuttingDown);
  await Promise.race([closed, delay(graceMs)]);
  socket.terminate();
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref());
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
