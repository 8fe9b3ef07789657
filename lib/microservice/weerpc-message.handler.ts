import { Logger, type INestApplicationContext } from '@nestjs/common';
import { finalize, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { errorToOutcome } from '../dispatch/outcome.mapper.js';
import { RpcStreamSource } from '../invoke/rpc-stream.source.js';
import { eventItemData } from '../invoke/rpc-event-item.js';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcDrainParticipant, RpcDrainWindow } from '../shutdown/rpc-drain-participant.interface.js';
import { WeeRpcDrain } from '../shutdown/weerpc-drain.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import type { RpcMicroserviceRequest } from './microservice-request.js';
import type { WeeRpcTransportOptions } from './weerpc-transport-options.interface.js';

/** What a failed call sends back: the shape Nest gives an `RpcException`, with the weeRPC message and data. */
export interface WeeRpcTransportError {
  readonly status: 'error';
  readonly message: string | null;
  readonly data: unknown;
}

/** A Nest message handler: data and the transport's context in, an observable answer out. */
export type WeeRpcMessageHandler = (data: unknown, context: unknown) => Promise<Observable<unknown>>;

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Turns an endpoint's function table into Nest message handlers, one per function name: each
 * message is one call through the dispatcher (endpoint and function rules, guards, interceptors,
 * pipes, filters), answered with the function's data, or failed with the weeRPC message. A
 * streaming function answers each item as a reply of its own, as a `@MessagePattern` handler that
 * returns an Observable does. On shutdown they drain: a message that arrives is failed with
 * `Server shutting down.` without running, and the drain waits for the calls in flight.
 */
export class WeeRpcMessageHandlers implements RpcDrainParticipant {
  private readonly endpoint: RpcEndpoint;
  private readonly dispatcher: WeeRpcDispatcher;
  /** The application's drain, which `close()` runs for a microservice that shuts down on its own. */
  readonly shutdown: WeeRpcDrain;
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private running = 0;
  private draining = false;
  private idle?: () => void;

  constructor(
    app: Pick<INestApplicationContext, 'get'>,
    private readonly protocol: string,
    private readonly options: WeeRpcTransportOptions,
  ) {
    const endpoints = app.get(WeeRpcEndpoints, { strict: false });
    const endpoint = options.endpoint === undefined ? endpoints.all()[0] : endpoints.byPath(options.endpoint);
    if (!endpoint) {
      throw new Error(
        BootstrapMessages.unknownTransportEndpoint(
          options.endpoint ?? '',
          endpoints.all().map(e => e.path),
        ),
      );
    }
    this.endpoint = endpoint;
    this.dispatcher = app.get(WeeRpcDispatcher, { strict: false });
    this.shutdown = app.get(WeeRpcDrain, { strict: false });
    this.shutdown.register(this);
  }

  /** Stops taking messages (each is failed `Server shutting down.`) and waits for those in flight, or the window's end. */
  async drain(window: RpcDrainWindow): Promise<void> {
    this.draining = true;
    if (this.running > 0) {
      await Promise.race([new Promise<void>(resolve => (this.idle = resolve)), window]);
    }
  }

  /** The function names of the endpoint: the patterns to listen to. */
  get patterns(): string[] {
    return [...this.endpoint.table.keys()];
  }

  handlerFor(pattern: string): WeeRpcMessageHandler {
    return async (data, context) => {
      if (this.draining) {
        return throwError(() => toTransportError(FAILURES.shuttingDown));
      }
      this.running++;
      try {
        // null, not undefined, when the message stands for no session: the rules fail closed all the
        // same, and the dispatcher does not warn of a missing session middleware, which no broker has.
        const session = (this.options.session ? await this.options.session(data, context) : undefined) ?? null;
        const request: RpcMicroserviceRequest = { pattern, context, session, headers: NO_HEADERS };
        // No host and no headers off HTTP; a stream's items are the replies.
        const caller: RpcCaller = { host: undefined, session, headers: NO_HEADERS, streams: 'items', request, response: undefined };
        const input = { call: { function: pattern, data: data ?? null }, protocol: this.protocol };
        // Nest awaits the handler before it subscribes: a failure must come as an erroring stream.
        return from(this.dispatcher.execute(this.endpoint, caller, input)).pipe(
          mergeMap((outcome: RpcOutcome) => this.replies(outcome, pattern)),
          finalize(() => this.leave()),
        );
      } catch (error) {
        this.leave();
        throw error;
      }
    };
  }

  private leave(): void {
    this.running--;
    if (this.running === 0) {
      this.idle?.();
    }
  }

  private replies(outcome: RpcOutcome, pattern: string): Observable<unknown> {
    if (outcome instanceof RpcStreamSource) {
      return this.itemReplies(outcome, this.endpoint.table.get(pattern)!.place);
    }
    return outcome.ok ? of(outcome.data) : throwError(() => toTransportError(outcome));
  }

  /**
   * A stream's items, one reply each; a failure midway errors the replies with its weeRPC message
   * (logged first when unexpected, as over HTTP). A client that unsubscribes stops the producer
   * where the transport tells the server (Nest's transports mostly do not: the stream then runs out).
   */
  private itemReplies(source: RpcStreamSource, place: string): Observable<unknown> {
    return new Observable(subscriber => {
      let stopped = false;
      void (async () => {
        try {
          for (;;) {
            const { done, value } = await source.next();
            if (stopped) {
              return;
            }
            if (done) {
              subscriber.complete();
              return;
            }
            subscriber.next(eventItemData(value));
          }
        } catch (error) {
          subscriber.error(toTransportError(errorToOutcome(error, this.logger, place)));
        }
      })();
      return () => {
        stopped = true;
        source.cancel();
      };
    });
  }
}

function toTransportError(outcome: RpcOutcome): WeeRpcTransportError {
  return { status: 'error', message: outcome.message, data: outcome.data };
}
