import type { WebSocket } from 'ws';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcWsSettings } from '../dispatch/rpc-endpoint.interface.js';
import type { RpcInboundRequest } from '../interfaces/rpc-inbound-request.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcAnswer } from '../outcome/rpc-outcome.interface.js';
import { JSON_CONTENT_TYPE, WS_REFUSAL_QUEUE_FACTOR } from '../weerpc.constants.js';
import { RpcMessages } from '../weerpc.messages.js';

/** 1008: the policy violation close code (RFC 6455). */
export const WS_POLICY_VIOLATION = 1008;
/** 1001: going away (idle, or the server shuts down). */
export const WS_GOING_AWAY = 1001;

/** One message's place in the answer order: `undefined` while its calls run, `null` for no answer. */
interface AnswerSlot {
  text: string | null | undefined;
}

/** What the upgrade request leaves for every call of the socket. */
export interface RpcWsPeer {
  readonly host: string | undefined;
  /** The adapter's request (Express `req`, Fastify `request`), with its `session`. */
  readonly request: { session?: unknown };
  readonly response: unknown;
}

/**
 * One WebSocket: each message goes through the dispatcher as an HTTP body would, calls of a socket
 * run concurrently, and answers are sent in the order of the messages (weeRPC has no ids, so order
 * is how a client pairs them). Beyond `maxInFlight` running messages, a message is answered at once
 * (in its turn) with `Too many calls in flight.`.
 */
export class WeeRpcWsConnection {
  /** When the last message came, for the idle sweep. */
  lastActive = Date.now();
  /** Cleared at each heartbeat, set again by the pong. */
  alive = true;
  private running = 0;
  private readonly slots: AnswerSlot[] = [];
  private closed = false;

  constructor(
    readonly socket: WebSocket,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcWsSettings,
    private readonly dispatcher: WeeRpcDispatcher,
    private readonly peer: RpcWsPeer,
  ) {
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('pong', () => (this.alive = true));
  }

  /** Whether a call is running, so that the idle sweep leaves the socket alone. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Called once the socket closed, whatever closed it: no answer is sent after it. */
  release(): void {
    this.closed = true;
    this.slots.length = 0;
  }

  private receive(data: Buffer, _isBinary: boolean): void {
    this.lastActive = Date.now();
    const slot: AnswerSlot = { text: undefined };
    if (this.slots.length >= this.settings.maxInFlight * (WS_REFUSAL_QUEUE_FACTOR + 1)) {
      // A client that keeps sending while ignoring its refusals: stop reading it.
      this.socket.close(WS_POLICY_VIOLATION, RpcMessages.busy);
      return;
    }
    this.slots.push(slot);
    const request = this.inbound(data);
    if (this.running >= this.settings.maxInFlight) {
      this.settle(slot, this.dispatcher.refuse(this.endpoint, request, FAILURES.busy), false);
      return;
    }
    this.running++;
    this.settle(slot, this.dispatcher.dispatch(this.endpoint, request), true);
  }

  private inbound(data: Buffer): RpcInboundRequest {
    const { host, request, response } = this.peer;
    // The session is read per message: a function that destroyed or replaced it is seen by the next call.
    // No Server-Sent Events over a socket: a stream answers as one array.
    return { host, session: request.session, accept: undefined, contentType: JSON_CONTENT_TYPE, body: { kind: 'bytes', bytes: data }, request, response };
  }

  private settle(slot: AnswerSlot, answer: Promise<RpcAnswer>, counted: boolean): void {
    answer
      .then(
        ({ status, body }) => (slot.text = status === 204 ? null : body),
        () => (slot.text = this.endpoint.answers.internalError.body),
      )
      .finally(() => {
        if (counted) {
          this.running--;
        }
        this.flush();
      });
  }

  private flush(): void {
    const slots = this.slots;
    while (!this.closed && slots.length > 0 && slots[0].text !== undefined) {
      const text = slots.shift()!.text;
      if (typeof text === 'string') {
        this.socket.send(text);
      }
    }
  }
}
