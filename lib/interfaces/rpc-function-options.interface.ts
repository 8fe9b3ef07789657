import type { RpcMcpToolOptions } from './weerpc-mcp-options.interface.js';

/** A JSON Schema (draft 7), as OpenRPC 1.3 documents carry them. */
export type RpcJsonSchema = Record<string, unknown>;

/** A DTO class: its class-validator metadata is turned into JSON Schema. */
export type RpcSchemaClass = abstract new (...args: any[]) => unknown;

/** What a function's data or result is: a DTO class, `[Dto]` (an array of them), or a JSON Schema object. */
export type RpcSchemaSource = RpcSchemaClass | [RpcSchemaClass] | RpcJsonSchema;

/** One example call of a function, shown in its OpenRPC document and its explorer page. */
export interface RpcFunctionExample {
  readonly name: string;
  /** The call's data. */
  readonly data: unknown;
  /** The function's result for that data. */
  readonly result: unknown;
}

/**
 * The long form of `@RpcFunction`: the public name and what the OpenRPC document says about the
 * function (`discovery: true`). Like `@ApiOperation` and `@ApiResponse` of @nestjs/swagger.
 */
export interface RpcFunctionOptions {
  /** The public name; the method's name by default. */
  readonly name?: string;
  /** One line. */
  readonly summary?: string;
  readonly description?: string;
  /**
   * The data's schema when the data parameter's type cannot say it (no DTO: a string, a list).
   * A `@RpcData()` DTO describes itself; this overrides it.
   */
  readonly data?: RpcSchemaSource;
  /** The result's schema: a DTO class, `[Dto]` or a JSON Schema object. Open (`{}`) when left out. */
  readonly result?: RpcSchemaSource;
  /** Example calls; OpenRPC tools call them and compare results. */
  readonly examples?: readonly RpcFunctionExample[];
  /** Marks the method `deprecated` in the document. */
  readonly deprecated?: boolean;
  /**
   * Serve the function as an MCP tool on endpoints with the `mcp` option (docs/mcp.md): `true`, or
   * the tool's title and annotations. Off by default: which functions an agent may call is a choice.
   */
  readonly mcp?: boolean | RpcMcpToolOptions;
}

/** The OpenRPC part of an endpoint's options (`discovery: { ... }`). */
export interface RpcDiscoveryOptions {
  /** The document's `info.title`; `weeRPC <path>` by default. */
  readonly title?: string;
  /** The document's `info.version`; `1.0.0` by default. */
  readonly version?: string;
  readonly description?: string;
  /** Serve the explorer page at `<path>/explorer`. Default true. */
  readonly explorer?: boolean;
}
