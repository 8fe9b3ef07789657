/** Metadata key of `@RpcFunction`: the function's public name. */
export const RPC_FUNCTION_METADATA = 'weerpc:function';
/** Metadata key of `@RpcFunction({ ... })`: what the OpenRPC document says about the function. */
export const RPC_FUNCTION_DOCS_METADATA = 'weerpc:function-docs';
/** Metadata key on a class: its static methods marked `@RpcFunction`, which cannot be served. */
export const RPC_STATIC_FUNCTIONS_METADATA = 'weerpc:static-functions';
/** Metadata key of `@SessionAuth`: the session rules of a method or class. */
export const RPC_SESSION_AUTH_METADATA = 'weerpc:session-auth';
/** Metadata key of `@HostAuth`: the allowed hosts of a method or class. */
export const RPC_HOST_AUTH_METADATA = 'weerpc:host-auth';

/** Injection token of the root endpoint's options (`forRoot`, `forRootAsync`). */
export const WEERPC_MODULE_OPTIONS = Symbol('weerpc:module-options');
/** Injection token of a feature endpoint's options (`forFeature`). */
export const WEERPC_FEATURE_OPTIONS = Symbol('weerpc:feature-options');

export const DEFAULT_ENDPOINT_PATH = 'rpc';
/** 1 MiB, the default `bodyLimit`. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** 30 s, the default `bodyTimeout`. */
export const DEFAULT_BODY_TIMEOUT = 30_000;
/** How much of an oversized body is read and thrown away before the connection is given up. */
export const OVERSIZED_BODY_DRAIN_FACTOR = 8;

/** WebSocket defaults (the `ws` option): unanswered calls per socket, idle and heartbeat milliseconds. */
export const DEFAULT_WS_MAX_IN_FLIGHT = 64;
export const DEFAULT_WS_IDLE_TIMEOUT = 120_000;
export const DEFAULT_WS_HEARTBEAT_INTERVAL = 30_000;
/**
 * Bytes of messages a paused socket may hold beyond one message (`bodyLimit`): what one read of
 * the socket brings before the pause takes effect. More is a client `ws` did not hold back: closed.
 */
export const WS_HELD_BYTES_LIMIT = 1024 * 1024;

/** The context of every line the module logs. */
export const WEERPC_LOGGER_CONTEXT = 'WeeRpc';
/** The Content-Type of every answer with a body. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** The media type of a streamed answer (Server-Sent Events), asked for in `Accept`. */
export const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream';
/** 15 s, the default `streamKeepAlive`: a comment line that keeps proxies from closing an idle stream. */
export const DEFAULT_STREAM_KEEP_ALIVE = 15_000;

/** 10 s, the default `shutdown.drainTimeout`. */
export const DEFAULT_DRAIN_TIMEOUT = 10_000;
/** What a surface is given, once the drain window ended, to send the final answers it just made. */
export const DRAIN_FINAL_GRACE = 1000;

/** JSON-RPC's reserved method that answers the endpoint's OpenRPC document (`discovery: true`). */
export const RPC_DISCOVER_METHOD = 'rpc.discover';
/** Where the OpenRPC document and the explorer page are served, below the endpoint's path. */
export const OPENRPC_DOCUMENT_ROUTE = '/openrpc.json';
export const EXPLORER_ROUTE = '/explorer';
/** The OpenRPC version the documents follow. */
export const OPENRPC_VERSION = '1.3.2';

/** Where an endpoint's MCP server is served by default, below the endpoint's path (`mcp: true`). */
export const MCP_ROUTE = '/mcp';

/** The injection token of `WeeRpcEventsModule.forRoot`'s options. */
export const WEERPC_EVENTS_OPTIONS = Symbol('weerpc:events-options');
/** Events a topic keeps for resuming subscribers when `retention` says nothing. */
export const DEFAULT_EVENT_RETENTION_COUNT = 1000;
/** Events a subscriber may have waiting before it fails as too slow, when `subscriberBuffer` says nothing. */
export const DEFAULT_SUBSCRIBER_BUFFER = 1000;
/** The prefix of the Redis keys of the topics' streams, when `redis.keyPrefix` says nothing. */
export const DEFAULT_EVENTS_KEY_PREFIX = 'weerpc:events:';
