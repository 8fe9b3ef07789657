import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcInvoker } from '../invoke/rpc-invoker.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import type { RpcMcpTool } from '../openrpc/mcp-tool.js';
import type { RpcDiscovery } from '../openrpc/endpoint-discovery.factory.js';
import type { RpcCodec, RpcProtocols } from '../protocol/rpc-codec.interface.js';

/** One entry of an endpoint's dispatch table. */
export interface RpcFunctionEntry {
  readonly name: string;
  /** `Class#method`, or `functions.<name>` for a plain function. */
  readonly place: string;
  readonly access: RpcAccessRules;
  readonly invoke: RpcInvoker;
}

/** The answers an endpoint sends without a call, encoded once at bootstrap in its first protocol. */
export interface RpcFixedAnswers {
  /** 413 `Request too large.` */
  readonly tooLarge: RpcAnswer;
  /** 408 `Request timed out.` */
  readonly timedOut: RpcAnswer;
  /** 500 `Internal server error.` */
  readonly internalError: RpcAnswer;
}

/** The endpoint's WebSocket (the `ws` option), with its defaults filled in at bootstrap. */
export interface RpcWsSettings {
  /** The full route, global prefix included. */
  readonly path: string;
  readonly maxInFlight: number;
  readonly idleTimeout: number;
  readonly heartbeatInterval: number;
  /** Milliseconds a socket may reuse the session it last read from the store for its calls' rules; 0 reads it for every call. */
  readonly sessionRefresh: number;
  /** Allowed `Origin` values beside the request's own host (lower case, no trailing slash). */
  readonly allowedOrigins: ReadonlySet<string>;
}

/** The endpoint's MCP surface (the `mcp` option), with its defaults filled in and its tools described at bootstrap. */
export interface RpcMcpSettings {
  /** The full route, global prefix included. */
  readonly path: string;
  readonly name: string;
  readonly version: string;
  readonly instructions?: string;
  /** Allowed `Origin` values beside the request's own host (lower case, no trailing slash). */
  readonly allowedOrigins: ReadonlySet<string>;
  /** The tools by name, in the endpoint's order. */
  readonly tools: ReadonlyMap<string, RpcMcpTool>;
}

/** An endpoint as the dispatcher sees it: everything copied at bootstrap. */
export interface RpcEndpoint {
  /** The full route, global prefix included (`/api/rpc`). */
  readonly path: string;
  readonly access: RpcAccessRules;
  readonly bodyLimit: number;
  /** Milliseconds the whole body may take to arrive; 0 waits as long as the server lets it. */
  readonly bodyTimeout: number;
  /** Milliseconds between keep-alive comments on a Server-Sent Events stream; 0 sends none. */
  readonly streamKeepAlive: number;
  /** The endpoint's first protocol: it answers what no envelope chose (unparsable bodies, 413s). */
  readonly codec: RpcCodec;
  /** Every protocol the endpoint accepts; picks each request's codec by its envelope key. */
  readonly protocols: RpcProtocols;
  readonly table: ReadonlyMap<string, RpcFunctionEntry>;
  readonly answers: RpcFixedAnswers;
  /** Set when the endpoint is served over WebSocket too. */
  readonly ws: RpcWsSettings | null;
  /** Set when the endpoint's tool functions are served over MCP too (`mcp`). */
  readonly mcp: RpcMcpSettings | null;
  /** The OpenRPC document and the explorer (`discovery: true`); absent when off. */
  readonly discovery?: RpcDiscovery;
}
