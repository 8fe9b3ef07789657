import type { RpcBody } from './rpc-body.interface.js';
import type { RpcCall } from './rpc-call.interface.js';
import type { RpcOutcome } from './rpc-outcome.interface.js';

/** What a codec makes of a body: a call to dispatch, or the failure to answer at once. */
export type RpcDecodeResult =
  | { readonly call: RpcCall; readonly failure?: undefined }
  | { readonly failure: RpcOutcome; readonly call?: undefined };

/** The HTTP answer of one request: status and serialized body. */
export interface RpcHttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** A wire protocol as a pure codec: no Nest, no HTTP objects. */
export interface RpcCodec {
  /** Short name, as used in options (`'weerpc/1.1'`). */
  readonly name: string;
  decode(body: RpcBody, contentType: string | undefined): RpcDecodeResult;
  encode(outcome: RpcOutcome, status?: number): RpcHttpAnswer;
}
