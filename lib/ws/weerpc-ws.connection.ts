import { Logger } from '@nestjs/common';
import type { WebSocket } from 'ws';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcWsSettings } from '../endpoints/rpc-endpoint.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcEventStream } from '../outcome/rpc-event-stream.interface.js';
import type { RpcAnswer } from '../outcome/rpc-outcome.interface.js';
import type { RpcStreamCancel } from '../protocol/rpc-codec.interface.js';
import { JSON_CONTENT_TYPE, WEERPC_LOGGER_CONTEXT, WS_REFUSAL_QUEUE_FACTOR } from '../weerpc.constants.js';
import type { RpcBodyInput } from '../dispatch/rpc-input.js';
import { LogMessages, RpcMessages } from '../weerpc.messages.js';
import { WeeRpcWsCallResponse } from './ws-call.response.js';
import { callerOf, type RpcWsPeer } from './ws-caller.js';
import { WeeRpcWsSessionSaver } from './ws-session.saver.js';

/** 1008: the policy violation close code (RFC 6455). */
export const WS_POLICY_VIOLATION = 1008;
/** 1001: going away (idle, or the server shuts down). */
export const WS_GOING_AWAY = 1001;

/** One message's place in the answer order. */
interface AnswerSlot {
  /** The answer: `undefined` while its calls run, `null` for no answer. */
  text: string | null | undefined;
  /** A streamed answer (`"stream": true`): its messages go out when the slot's turn comes. */
  events?: RpcEventStream;
  /** Whether the slot holds one of the socket's `maxInFlight` places until it is answered. */
  readonly counted: boolean;
}

/**
 * One WebSocket: each message goes through the dispatcher as an HTTP body would, calls of a socket
 * run concurrently, and answers are sent in the order of the messages (weeRPC has no ids, so order
 * is how a client pairs them). Beyond `maxInFlight` running messages, a message is answered at once
 * (in its turn) with `Too many calls in flight.`. A call that asked for a stream sends its items
 * as messages when its turn comes, one at a time as the socket takes them, then its final answer;
 * the answers behind it wait (it holds its in-flight place until then).
 */
export class WeeRpcWsConnection {
  /** When the last message came, for the idle sweep. */
  lastActive = Date.now();
  /** Cleared at each heartbeat, set again by the pong. */
  alive = true;
  private running = 0;
  private readonly slots: AnswerSlot[] = [];
  private closed = false;
  /** Whether the oldest slot's stream is being sent: later answers wait for its end. */
  private streaming = false;
  private readonly sessions: WeeRpcWsSessionSaver;
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);

  constructor(
    readonly socket: WebSocket,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcWsSettings,
    private readonly dispatcher: WeeRpcDispatcher,
    private readonly peer: RpcWsPeer,
  ) {
    this.sessions = new WeeRpcWsSessionSaver(peer.request);
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('pong', () => (this.alive = true));
  }

  /** Whether a call is running, so that the idle sweep leaves the socket alone. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Called once the socket closed, whatever closed it: no answer is sent after it, and streams stop. */
  release(): void {
    this.closed = true;
    for (const slot of this.slots.splice(0)) {
      slot.events?.cancel();
    }
  }

  private receive(data: Buffer, _isBinary: boolean): void {
    this.lastActive = Date.now();
    const cancel = this.endpoint.protocols.readCancel(data);
    if (cancel) {
      this.stopStream(cancel);
      return;
    }
    if (this.slots.length >= this.settings.maxInFlight * (WS_REFUSAL_QUEUE_FACTOR + 1)) {
      // A client that keeps sending while ignoring its refusals: stop reading it.
      this.socket.close(WS_POLICY_VIOLATION, RpcMessages.busy);
      return;
    }
    const response = new WeeRpcWsCallResponse(this.peer.response.locals);
    // The session is read per message: a function that destroyed or replaced it is seen by the next call.
    const caller = callerOf(this.peer, this.peer.request.headers, response);
    const input: RpcBodyInput = { body: { kind: 'bytes', bytes: data }, contentType: JSON_CONTENT_TYPE };
    if (this.running >= this.settings.maxInFlight) {
      const refused = { ...input, refusal: FAILURES.busy };
      void this.settle(this.place(false), this.dispatcher.execute(this.endpoint, caller, refused), response);
      return;
    }
    this.running++;
    void this.settle(this.place(true), this.dispatcher.execute(this.endpoint, caller, input), response);
  }

  private place(counted: boolean): AnswerSlot {
    const slot: AnswerSlot = { text: undefined, counted };
    this.slots.push(slot);
    return slot;
  }

  /** The client left a stream (its loop, its signal): the producer stops, and the final answer still comes. */
  private stopStream({ id }: RpcStreamCancel): void {
    const slot = this.slots.find(candidate => candidate.events && (id === undefined || candidate.events.callId === id));
    slot?.events!.stop();
  }

  /**
   * Keeps a message's answer for its turn, once a session the call changed is saved: what an
   * exception filter wrote to the call's response wins, as over HTTP.
   */
  private async settle(slot: AnswerSlot, answer: Promise<RpcAnswer>, response: WeeRpcWsCallResponse): Promise<void> {
    try {
      const { status, body, events } = await answer;
      try {
        await this.sessions.saveIfChanged();
      } catch (error) {
        events?.cancel();
        this.logger.error(LogMessages.unsavedSession(this.endpoint.path), error instanceof Error ? error.stack : String(error));
        slot.text = this.endpoint.answers.internalError.body;
        return;
      }
      const written = response.written;
      if (events && (this.closed || written !== undefined)) {
        events.cancel();
      }
      if (written !== undefined) {
        slot.text = written;
        return;
      }
      slot.events = events;
      slot.text = status === 204 ? null : body;
    } catch {
      slot.text = this.endpoint.answers.internalError.body;
    } finally {
      if (slot.counted && !slot.events) {
        this.running--;
      }
      this.flush();
    }
  }

  private flush(): void {
    const slots = this.slots;
    while (!this.closed && !this.streaming && slots.length > 0 && slots[0].text !== undefined) {
      const slot = slots[0];
      if (slot.events) {
        this.streaming = true;
        void this.sendStream(slot, slot.events);
        return;
      }
      slots.shift();
      if (typeof slot.text === 'string') {
        this.socket.send(slot.text);
      }
    }
  }

  /**
   * Sends the oldest slot's stream, pulling the next item only once the socket took the previous
   * one (a client that does not read pauses the producer), then its final answer.
   */
  private async sendStream(slot: AnswerSlot, events: RpcEventStream): Promise<void> {
    try {
      for (;;) {
        const event = await events.next();
        if (!event || this.closed) {
          return;
        }
        // A socket that is closing fails the send at once (next tick): stop there, or a producer that
        // never waits for I/O would spin before the close event could ever run.
        const sent = await new Promise<boolean>(resolve => this.socket.send(event.data, error => resolve(!error)));
        if (!sent) {
          events.cancel();
          return;
        }
        if (event.final) {
          return;
        }
      }
    } finally {
      if (this.slots[0] === slot) {
        this.slots.shift();
      }
      this.streaming = false;
      if (slot.counted) {
        this.running--;
      }
      this.flush();
    }
  }
}
