import type { RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';

/** An OpenRPC 1.3 content descriptor: a named schema (a param or the result). */
export interface OpenRpcContentDescriptor {
  readonly name: string;
  readonly schema: RpcJsonSchema;
  readonly required?: boolean;
  readonly description?: string;
}

/** An OpenRPC error object: a JSON-RPC error code the method may answer with. */
export interface OpenRpcError {
  readonly code: number;
  readonly message: string;
}

/** An OpenRPC example pairing: params by name, and the result they give. */
export interface OpenRpcExamplePairing {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly value: unknown }[];
  readonly result: { readonly name: string; readonly value: unknown };
}

/** One function of the endpoint, as an OpenRPC method (with this module's `x-weerpc-*` extensions). */
export interface OpenRpcMethod {
  readonly name: string;
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly paramStructure: 'by-name' | 'by-position';
  readonly params: readonly OpenRpcContentDescriptor[];
  readonly result: OpenRpcContentDescriptor;
  readonly errors: readonly OpenRpcError[];
  readonly examples?: readonly OpenRpcExamplePairing[];
  /** The schema of the whole weeRPC `data` (absent when the function takes none). */
  readonly 'x-weerpc-data'?: RpcJsonSchema;
  /** The names of the function's own session rules (the session keys), never their allowed values. */
  readonly 'x-weerpc-session-auth'?: readonly string[];
  /** Present when the function has its own host list; the hosts themselves are never shown. */
  readonly 'x-weerpc-host-auth'?: true;
}

/** An endpoint's OpenRPC 1.3 document. */
export interface OpenRpcDocument {
  readonly openrpc: string;
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly servers: readonly { readonly name: string; readonly url: string }[];
  readonly methods: readonly OpenRpcMethod[];
  readonly components: { readonly schemas: Readonly<Record<string, RpcJsonSchema>> };
  /** The endpoint's protocols (`weerpc/1.1`, `jsonrpc/2.0`). */
  readonly 'x-weerpc-protocols': readonly string[];
  /** The endpoint-wide session rules' names. */
  readonly 'x-weerpc-session-auth'?: readonly string[];
  /** Present when the endpoint has a host list. */
  readonly 'x-weerpc-host-auth'?: true;
}
