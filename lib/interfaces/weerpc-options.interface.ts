import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { RpcSessionRule } from './rpc-access-rules.interface.js';
import type { WeeRpcWsOptions } from './weerpc-ws-options.interface.js';
import type { WeeRpcMcpOptions } from './weerpc-mcp-options.interface.js';
import type { RpcDiscoveryOptions } from './rpc-function-options.interface.js';

/** A plain function served by an endpoint, as in the reference's `functions={...}`. */
export type RpcPlainFunction = (data: any) => unknown;

/** A wire protocol an endpoint can speak (the `protocols` option). */
export type RpcProtocolName = 'weerpc/1.1' | 'weerpc/1.0' | 'jsonrpc/2.0';

/** Options of one weeRPC endpoint: `forRoot`, `forRootAsync` and `forFeature` take them. */
export interface WeeRpcEndpointOptions {
  /** The endpoint's route, like a controller's (`'rpc'`, `'rpc/clients'`); the global prefix applies. Default `'rpc'`. */
  path?: string;
  /** Session rules (`RpcAuthSessionKey`s) every function of the endpoint must pass. */
  sessionAuth?: RpcSessionRule | RpcSessionRule[];
  /** Allowed `Host` headers (`host[:port]`, exactly as sent) for every function of the endpoint. */
  hostAuth?: string[];
  /** Plain functions served beside the `@RpcFunction` methods, keyed by their public name. */
  functions?: Record<string, RpcPlainFunction>;
  /** Largest accepted body in bytes; larger ones get HTTP 413 `Request too large.`. Default 1 MiB. */
  bodyLimit?: number;
  /**
   * Milliseconds the whole body may take to arrive, counted from the end of the headers; a body
   * still incomplete then gets HTTP 408 `Request timed out.` and the connection is closed, so a
   * stalled or trickling client cannot hold a half body in memory. `0` disables it. Default 30 000.
   */
  bodyTimeout?: number;
  /**
   * The protocols the endpoint accepts; each request's envelope key (`weerpc`, `wrpc`, `jsonrpc`)
   * picks one, and the first answers bodies no envelope chose. Default `['weerpc/1.1']`.
   */
  protocols?: RpcProtocolName[];
  /** Most calls in one JSON-RPC 2.0 batch; a larger batch is one Invalid Request error. Default 100. */
  maxBatchSize?: number;
  /**
   * Milliseconds between the comment lines (`: keep-alive`) sent on an idle Server-Sent Events
   * stream, so that proxies do not close it. `0` sends none. Default 15 000.
   */
  streamKeepAlive?: number;
  /**
   * Most levels of arrays and objects in a body, the outermost counted (so a weeRPC call's `data`
   * may nest one level less). A deeper body is an invalid request, refused before any pipe or
   * function sees it. Default 512.
   */
  maxDepth?: number;
  /**
   * Serve the endpoint over WebSocket as well (`true` for the defaults): each message is a call
   * (or a batch) through the same pipeline as over HTTP. Needs the `ws` package. Off by default.
   */
  ws?: boolean | WeeRpcWsOptions;
  /**
   * Serve the endpoint's OpenRPC document (JSON-RPC `rpc.discover`, `GET <path>/openrpc.json`) and
   * the explorer page (`GET <path>/explorer`), behind the endpoint's own session and host rules.
   * Built once at bootstrap. Default `false`. See docs/openrpc.md.
   */
  discovery?: boolean | RpcDiscoveryOptions;
  /**
   * Serve the endpoint's tool functions to AI agents over the Model Context Protocol (Streamable
   * HTTP at `<path>/mcp`; `true` for the defaults). Needs `@modelcontextprotocol/sdk`, loaded only
   * then. Off by default; see docs/mcp.md.
   */
  mcp?: boolean | WeeRpcMcpOptions;
}

/** How the application drains when it shuts down (`app.close()`, or SIGTERM with `app.enableShutdownHooks()`). */
export interface WeeRpcShutdownOptions {
  /**
   * Milliseconds the surfaces are given to finish what they accepted (calls in flight, event streams,
   * socket calls) before what is left is ended with `Server shutting down.`. `0` ends it at once.
   * Default 10 000.
   */
  drainTimeout?: number;
}

/** Options of the root endpoint (`WeeRpcModule.forRoot`), and of the module as a whole. */
export interface WeeRpcModuleOptions extends WeeRpcEndpointOptions {
  /** The drain on shutdown, for every endpoint and surface. See docs/module-options.md#shutdown. */
  shutdown?: WeeRpcShutdownOptions;
}

/** Options of a feature endpoint (`WeeRpcModule.forFeature`); `path` is required there. */
export interface WeeRpcFeatureOptions extends WeeRpcEndpointOptions {
  path: string;
}

/** A class that builds the root options, for `forRootAsync({ useClass })`. */
export interface WeeRpcOptionsFactory {
  createWeeRpcOptions(): WeeRpcModuleOptions | Promise<WeeRpcModuleOptions>;
}

/** Options of `WeeRpcModule.forRootAsync`: exactly one of `useFactory`, `useClass`, `useExisting`. */
export interface WeeRpcModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  useFactory?: (...args: any[]) => WeeRpcModuleOptions | Promise<WeeRpcModuleOptions>;
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useClass?: Type<WeeRpcOptionsFactory>;
  useExisting?: Type<WeeRpcOptionsFactory>;
}
