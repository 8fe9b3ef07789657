import type { INestApplicationContext } from '@nestjs/common';
import { ServerRedis, ServerTCP, type CustomTransportStrategy, type RedisOptions, type TcpOptions } from '@nestjs/microservices';
import { BootstrapMessages } from '../weerpc.messages.js';
import { WeeRpcMessageHandlers } from './weerpc-message.handler.js';
import type { WeeRpcTransportOptions } from './weerpc-transport-options.interface.js';

/** The application the transport serves: the HTTP app, or the microservice itself. */
export type WeeRpcApplication = Pick<INestApplicationContext, 'get'>;

/** A Nest transport server that also answers every function of a weeRPC endpoint, by name. */
export interface WeeRpcTransportServer extends CustomTransportStrategy {
  /** Gives the server its application, when it was made before the application (`createMicroservice`). */
  useApplication(app: WeeRpcApplication): this;
}

/** What the mixin needs of a Nest transport server (`Server`'s own type declares `listen` abstract). */
interface ServerLike {
  listen(callback: (...optionalParams: unknown[]) => any): any;
  close(): any;
  getHandlers(): Map<string, unknown>;
  addHandler(pattern: any, callback: any, isEventHandler?: boolean, extras?: Record<string, any>): void;
}

type ServerClass = new (...args: any[]) => ServerLike;

/** The application and options of each server (kept off the instance: a mixin class's fields must be public). */
const STATE = new WeakMap<object, { app?: WeeRpcApplication; options: WeeRpcTransportOptions }>();

function stateOf(server: object): { app?: WeeRpcApplication; options: WeeRpcTransportOptions } {
  let state = STATE.get(server);
  if (!state) {
    state = { options: {} };
    STATE.set(server, state);
  }
  return state;
}

/**
 * Makes a Nest transport server (`ServerTCP`, `ServerRedis`, `ServerNats`, ...) serve the
 * endpoint's functions: before it listens, every function name is added as a message pattern
 * (your own `@MessagePattern` handlers keep theirs), whose handler runs the call through the
 * dispatcher as an HTTP call would.
 */
export function withWeeRpc<T extends ServerClass>(Base: T, protocol: string) {
  class WeeRpcServer extends Base implements WeeRpcTransportServer {
    useApplication(app: WeeRpcApplication): this {
      stateOf(this).app = app;
      return this;
    }

    /** Sets the transport's options (the factories do). */
    useWeeRpcOptions(options: WeeRpcTransportOptions): this {
      stateOf(this).options = options;
      return this;
    }

    override listen(callback: (...optionalParams: unknown[]) => any): any {
      const { app, options } = stateOf(this);
      if (!app) {
        throw new Error(BootstrapMessages.transportWithoutApp);
      }
      const handlers = new WeeRpcMessageHandlers(app, protocol, options);
      const own = this.getHandlers();
      for (const pattern of handlers.patterns) {
        if (!own.has(pattern)) {
          this.addHandler(pattern, handlers.handlerFor(pattern));
        }
      }
      return super.listen(callback);
    }
  }
  return WeeRpcServer;
}

const WeeRpcTcpServer = withWeeRpc(ServerTCP, 'nest/tcp') as unknown as new (
  options: Required<TcpOptions>['options'],
) => ServerTCP & WeeRpcTransportServer & { useWeeRpcOptions(options: WeeRpcTransportOptions): unknown };
const WeeRpcRedisServer = withWeeRpc(ServerRedis, 'nest/redis') as unknown as new (
  options: Required<RedisOptions>['options'],
) => ServerRedis & WeeRpcTransportServer & { useWeeRpcOptions(options: WeeRpcTransportOptions): unknown };

/**
 * Serves the `@RpcFunction`s over Nest's own microservice transports, so that another Nest app's
 * `client.send('add_numbers', [1, 2])` reaches the same function through the same auth, guards
 * and pipes, and gets its result (or an error `{ status: 'error', message, data }` with the
 * weeRPC message, as an `RpcException` would send).
 *
 * @example
 * app.connectMicroservice({ strategy: WeeRpcTransport.redis(app, { host: 'localhost', port: 6379 }) });
 * await app.startAllMicroservices();
 */
export const WeeRpcTransport = {
  /** Over TCP (`Transport.TCP`'s server); `app` may be given later with `useApplication`. */
  tcp(app: WeeRpcApplication | null, tcp: Required<TcpOptions>['options'] = {}, options: WeeRpcTransportOptions = {}) {
    return bind(new WeeRpcTcpServer(tcp), app, options);
  },
  /** Over Redis (`Transport.REDIS`'s server: the `ioredis` package); `app` may be given later. */
  redis(app: WeeRpcApplication | null, redis: Required<RedisOptions>['options'] = {}, options: WeeRpcTransportOptions = {}) {
    return bind(new WeeRpcRedisServer(redis), app, options);
  },
};

function bind<S extends WeeRpcTransportServer & { useWeeRpcOptions(options: WeeRpcTransportOptions): unknown }>(
  server: S,
  app: WeeRpcApplication | null,
  options: WeeRpcTransportOptions,
): S {
  server.useWeeRpcOptions(options);
  return app ? server.useApplication(app) : server;
}
