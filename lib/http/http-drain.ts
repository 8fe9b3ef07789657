import { Injectable } from '@nestjs/common';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcDrainParticipant, RpcDrainWindow } from '../shutdown/rpc-drain-participant.interface.js';
import { WeeRpcDrain } from '../shutdown/weerpc-drain.js';
import { DRAIN_FINAL_GRACE } from '../weerpc.constants.js';
import { OpenEventStreams } from './open-event-streams.js';

/** The header a draining server's answers carry: the client opens its next connection elsewhere. */
const CONNECTION_CLOSE: OutgoingHttpHeaders = Object.freeze({ connection: 'close' });
const NO_HEADERS: OutgoingHttpHeaders = Object.freeze({});

/**
 * The HTTP side of the drain, shared by both platforms: counts the endpoint requests being answered
 * and keeps the open event streams. While draining, requests are still answered (the listener is
 * Nest's to close), with `Connection: close`; streams still open when the window ends get a final
 * `end` event with `Server shutting down.`.
 */
@Injectable()
export class HttpDrain implements RpcDrainParticipant {
  readonly streams = new OpenEventStreams();
  private running = 0;
  private draining = false;
  /** Responses written by someone else (the MCP SDK), still open: told to close their connection when draining starts. */
  private readonly tracked = new Set<ServerResponse>();
  private idle?: () => void;

  constructor(shutdown: WeeRpcDrain) {
    shutdown.register(this);
  }

  /** The headers every answer carries now: `Connection: close` while draining. */
  get headers(): OutgoingHttpHeaders {
    return this.draining ? CONNECTION_CLOSE : NO_HEADERS;
  }

  /** Whether answers must close their connection (the server drains). */
  get closesConnections(): boolean {
    return this.draining;
  }

  /** A request is being answered. */
  enter(): void {
    this.running++;
  }

  /** Its answer (or its stream) ended. */
  leave(): void {
    this.running--;
    if (this.running === 0) {
      this.idle?.();
    }
  }

  /**
   * A request answered on Node's response by code that does not ask `closesConnections` (the MCP
   * SDK's transport): counted until its response is over, and, once draining, its answer carries
   * `Connection: close` (if its headers are not out yet) and closes the connection after it.
   */
  track(response: ServerResponse): void {
    this.enter();
    this.tracked.add(response);
    response.once('close', () => {
      this.tracked.delete(response);
      this.leave();
    });
    if (this.draining) {
      response.shouldKeepAlive = false;
    }
  }

  async drain(window: RpcDrainWindow): Promise<void> {
    this.draining = true;
    for (const response of this.tracked) {
      // Read by Node when it writes the headers: `Connection: close`, and the socket ends after the answer.
      response.shouldKeepAlive = false;
    }
    await Promise.race([this.whenIdle(), window]);
    this.streams.endAll(FAILURES.shuttingDown);
    // The final events are being written; a client that does not read even those is cut.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.whenIdle(), new Promise(resolve => (timer = setTimeout(resolve, DRAIN_FINAL_GRACE)))]);
    clearTimeout(timer);
    this.streams.cutAll();
  }

  private whenIdle(): Promise<void> {
    if (this.running === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => {
      const previous = this.idle;
      this.idle = () => {
        previous?.();
        this.idle = undefined;
        resolve();
      };
    });
  }
}
