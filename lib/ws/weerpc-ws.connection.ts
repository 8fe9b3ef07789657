import { Logger } from '@nestjs/common';
import type { WebSocket } from 'ws';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcWsSettings } from '../endpoints/rpc-endpoint.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcEventStream } from '../outcome/rpc-event-stream.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import type { RpcStreamCancel } from '../protocol/rpc-codec.interface.js';
import { JSON_CONTENT_TYPE, WEERPC_LOGGER_CONTEXT, WS_HELD_BYTES_LIMIT } from '../weerpc.constants.js';
import type { RpcBodyInput } from '../dispatch/rpc-input.js';
import { LogMessages, RpcMessages } from '../weerpc.messages.js';
import { WeeRpcWsCallResponse } from './ws-call.response.js';
import { callerOf, type RpcWsPeer } from './ws-caller.js';
import { WsMessage, type RpcWsStreamPlaces } from './ws-message.js';
import { WeeRpcWsLiveSession } from './ws-live-session.js';
import { WeeRpcWsSessionSaver } from './ws-session.saver.js';

/** 1008: the policy violation close code (RFC 6455). */
export const WS_POLICY_VIOLATION = 1008;
/** 1001: going away (idle, or the server shuts down). */
export const WS_GOING_AWAY = 1001;

/**
 * One WebSocket: each message goes through the dispatcher as an HTTP body would, and calls of a
 * socket run concurrently.
 * - Answers with ids (JSON-RPC, and a JSON-RPC stream's notifications) go out as soon as they are
 *   ready; weeRPC answers, which have no ids, go out in the order of the weeRPC messages, and a
 *   weeRPC stream's messages when its turn comes.
 * - Beyond `maxInFlight` running calls the socket is not read any more (`ws` pause: the client's
 *   TCP window fills) until a call ends; messages already read wait their turn, none is refused.
 * - A stream gives its place back once it started (the socket paces it) and holds one of
 *   `maxInFlight` stream places until its final answer; a stream beyond them is answered
 *   `Too many calls in flight.`: pausing would also hold back the cancel messages that end streams.
 */
export class WeeRpcWsConnection implements RpcWsStreamPlaces {
  /** When the last message came, for the idle sweep. */
  lastActive = Date.now();
  /** Cleared at each heartbeat, set again by the pong. */
  alive = true;
  /** Calls whose answer is not ready yet. */
  private running = 0;
  /** Streams let open, until their final answer. */
  private streams = 0;
  /** weeRPC messages, in their order, until their answer went out. */
  private readonly ordered: WsMessage[] = [];
  /** JSON-RPC messages until their answer went out (a cancel finds its stream here). */
  private readonly unordered = new Set<WsMessage>();
  /** Messages read while the socket was at its limit (or behind such messages), in their order. */
  private readonly held: Buffer[] = [];
  private heldBytes = 0;
  /** Whether the oldest weeRPC message's stream is being sent: later weeRPC answers wait for its end. */
  private streamingInOrder = false;
  private closed = false;
  /** Set while the server drains: every call is answered with it, none runs. */
  private refusal?: RpcOutcome;
  /** Called once nothing is left to answer (the drain waits for it). */
  private onSettled?: () => void;
  /** The drain window ended: calls still running were answered, their functions are no longer waited for. */
  private windowEnded = false;
  private readonly sessions: WeeRpcWsSessionSaver;
  /** The session as the store has it now, for the calls' session rules. */
  private readonly live: WeeRpcWsLiveSession;
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);

  constructor(
    readonly socket: WebSocket,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcWsSettings,
    private readonly dispatcher: WeeRpcDispatcher,
    private readonly peer: RpcWsPeer,
  ) {
    this.sessions = new WeeRpcWsSessionSaver(peer.request);
    this.live = new WeeRpcWsLiveSession(peer.request as ConstructorParameters<typeof WeeRpcWsLiveSession>[0], settings.sessionRefresh);
    socket.on('message', (data, isBinary) => this.receive(data as Buffer, isBinary));
    socket.on('pong', () => (this.alive = true));
  }

  /** Whether a call or a stream is running, or messages wait, so that the idle sweep leaves the socket alone. */
  get busy(): boolean {
    return this.running > 0 || this.streams > 0 || this.held.length > 0;
  }

  /** Whether every message read so far has had its answers sent (and, until the drain window ended, its call ended). */
  private get settled(): boolean {
    const sent = this.held.length === 0 && this.ordered.length === 0 && this.unordered.size === 0;
    return sent && (this.windowEnded || this.running === 0);
  }

  /** Called once the socket closed, whatever closed it: no answer is sent after it, and streams stop. */
  release(): void {
    this.closed = true;
    this.held.length = 0;
    for (const message of [...this.ordered.splice(0), ...this.unordered]) {
      message.events?.cancel();
    }
    this.unordered.clear();
    this.onSettled?.();
  }

  /**
   * The server drains: calls that arrive from now on (and those read but not started) are answered
   * `Server shutting down.` without running; resolves once every answer went out.
   */
  drain(): Promise<void> {
    this.refusal = FAILURES.shuttingDown;
    this.takeHeld();
    return new Promise(resolve => {
      this.onSettled = resolve;
      this.checkSettled();
    });
  }

  /**
   * The drain window ended: streams end with `Server shutting down.` as their final answer, and a
   * call still running is answered `Server shut down before the call finished.` (an internal error:
   * its function may still finish, so it is not the "never ran" of `Server shutting down.`).
   */
  endDrain(): Promise<void> {
    this.windowEnded = true;
    for (const message of [...this.ordered, ...this.unordered]) {
      message.stopAsked = true;
      message.events?.abort(FAILURES.shuttingDown);
      if (message.text === undefined && message.codec) {
        message.text = message.codec.answer(FAILURES.unfinishedAtShutdown, message.id).body;
        this.answered(message);
      }
    }
    return new Promise(resolve => {
      this.onSettled = resolve;
      this.checkSettled();
    });
  }

  takeStreamPlace(message: WsMessage): RpcOutcome | undefined {
    if (this.streams >= this.settings.maxInFlight) {
      return FAILURES.busy;
    }
    this.streams++;
    message.streamed = true;
    return undefined;
  }

  private receive(data: Buffer, _isBinary: boolean): void {
    if (this.closed) {
      return;
    }
    this.lastActive = Date.now();
    if (this.held.length > 0 || (this.running >= this.settings.maxInFlight && this.refusal === undefined)) {
      this.hold(data);
      return;
    }
    this.handle(data);
  }

  private handle(data: Buffer): void {
    const cancel = this.endpoint.protocols.readCancel(data);
    if (cancel) {
      this.stopStream(cancel);
    } else {
      this.start(data);
    }
  }

  /** Stops reading the socket: TCP holds the client back. What was already read waits here, in order. */
  private hold(data: Buffer): void {
    this.held.push(data);
    this.heldBytes += data.length;
    if (!this.socket.isPaused) {
      this.socket.pause();
    }
    if (this.heldBytes > this.endpoint.bodyLimit + WS_HELD_BYTES_LIMIT) {
      // Not reached while `ws` honours the pause (one read's worth waits here): a safety net.
      this.socket.close(WS_POLICY_VIOLATION, RpcMessages.busy);
    }
  }

  /** Starts the held messages that have a place now (cancels need none), and reads the socket again once none waits. */
  private takeHeld(): void {
    while (!this.closed && this.held.length > 0) {
      const data = this.held[0];
      if (this.running >= this.settings.maxInFlight && this.refusal === undefined && !this.endpoint.protocols.readCancel(data)) {
        return;
      }
      this.held.shift();
      this.heldBytes -= data.length;
      this.handle(data);
    }
    if (!this.closed && this.socket.isPaused) {
      this.socket.resume();
    }
  }

  private start(data: Buffer): void {
    this.running++;
    const session = this.live.current();
    if (session instanceof Promise) {
      // Calls that arrive while the store is read wait for the same read, and start in their order.
      void session.then(value => this.run(data, value));
      return;
    }
    this.run(data, session);
  }

  private run(data: Buffer, session: unknown): void {
    if (this.closed) {
      this.running--;
      return;
    }
    const message = new WsMessage(this);
    const response = new WeeRpcWsCallResponse(this.peer.response.locals);
    // The rules see the session as the store has it now; the function (`@RpcSession()`) the request's own.
    const caller = callerOf(this.peer, response, session);
    const input: RpcBodyInput = { body: { kind: 'bytes', bytes: data }, contentType: JSON_CONTENT_TYPE, refusal: this.refusal, observer: message };
    // The message is decoded before `execute` first awaits: its protocol tells where its answer goes.
    const answer = this.dispatcher.execute(this.endpoint, caller, input);
    if (message.ordered) {
      this.ordered.push(message);
    } else {
      this.unordered.add(message);
    }
    void this.settle(message, answer, response);
  }

  /**
   * The client left a stream (its loop, its signal): the producer stops, and the final answer still
   * comes. weeRPC names no stream: its cancel stops the oldest weeRPC stream not stopped yet.
   */
  private stopStream({ id }: RpcStreamCancel): void {
    const named = (message: WsMessage) => message.streamed && !message.stopAsked && (id === undefined || message.id === id);
    const message = id === undefined ? this.ordered.find(named) : [...this.unordered].find(named);
    if (message) {
      message.stopAsked = true;
      message.events?.stop();
    }
  }

  /** Keeps a message's answer, once a session the call changed is saved: what an exception filter wrote wins, as over HTTP. */
  private async settle(message: WsMessage, answer: Promise<RpcAnswer>, response: WeeRpcWsCallResponse): Promise<void> {
    let text: string | null = this.endpoint.answers.internalError.body;
    let events: RpcEventStream | undefined;
    let kept: RpcEventStream | undefined;
    try {
      const result = await answer;
      events = result.events;
      if (await this.sessionSaved()) {
        const written = response.written;
        text = written ?? (result.status === 204 ? null : result.body);
        kept = written === undefined ? events : undefined;
      }
    } catch {
      // The dispatcher never rejects: only a bug gets here, answered as an internal error.
    }
    this.running--;
    if (this.closed || message.text !== undefined) {
      kept = undefined; // nobody to send it to, or the drain answered the call already
    }
    if (events && events !== kept) {
      events.cancel();
    }
    if (message.text === undefined) {
      message.text = text;
      message.events = kept;
      if (kept && message.stopAsked) {
        kept.stop();
      }
      this.answered(message);
    }
    if (message.streamed && !message.events) {
      message.streamed = false;
      this.streams--;
    }
    this.takeHeld();
    this.checkSettled();
  }

  /** Saves the session if the call changed it; a store that fails is logged, and the call answered `Internal server error.`. */
  private async sessionSaved(): Promise<boolean> {
    try {
      const saving = this.sessions.saveIfChanged();
      if (saving) {
        await saving;
        this.live.forget(); // the store has the change now: the next call reads it
      }
      return true;
    } catch (error) {
      this.logger.error(LogMessages.unsavedSession(this.endpoint.path), error instanceof Error ? error.stack : String(error));
      return false;
    }
  }

  /** A message's answer is ready: sent now (ids), or when its turn comes (weeRPC). */
  private answered(message: WsMessage): void {
    if (message.ordered) {
      this.flush();
      return;
    }
    if (message.events) {
      void this.sendStream(message);
      return;
    }
    this.unordered.delete(message);
    if (!this.closed && typeof message.text === 'string') {
      this.socket.send(message.text);
    }
  }

  /** Sends the weeRPC answers that are ready, in order, up to the first still running or streaming. */
  private flush(): void {
    const ordered = this.ordered;
    while (!this.closed && !this.streamingInOrder && ordered.length > 0 && ordered[0].text !== undefined) {
      const message = ordered[0];
      if (message.events) {
        this.streamingInOrder = true;
        void this.sendStream(message);
        return;
      }
      ordered.shift();
      if (typeof message.text === 'string') {
        this.socket.send(message.text);
      }
    }
  }

  /**
   * Sends a stream, pulling the next item only once the socket took the previous one (a client that
   * does not read pauses the producer), then its final answer.
   */
  private async sendStream(message: WsMessage): Promise<void> {
    const events = message.events!;
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
      message.events = undefined;
      if (message.streamed) {
        message.streamed = false;
        this.streams--;
      }
      if (message.ordered) {
        if (this.ordered[0] === message) {
          this.ordered.shift();
        }
        this.streamingInOrder = false;
        this.flush();
      } else {
        this.unordered.delete(message);
      }
      this.checkSettled();
    }
  }

  private checkSettled(): void {
    if (this.onSettled && (this.closed || this.settled)) {
      const settled = this.onSettled;
      this.onSettled = undefined;
      settled();
    }
  }
}
