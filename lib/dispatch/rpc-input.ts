import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcCall } from '../interfaces/rpc-call.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcCodec } from '../protocol/rpc-codec.interface.js';

/**
 * Told what a body is as soon as it is decoded, before any of its calls runs (a socket orders
 * weeRPC answers by it, finds the streams a cancel names, and bounds its open streams).
 */
export interface RpcDecodeObserver {
  /**
   * The codec that reads the body, and its one call (`undefined` for a batch or a body refused
   * before any call); a refusal returned is the call's answer instead of running it.
   */
  decoded(codec: RpcCodec, call: RpcCall | undefined): RpcOutcome | undefined;
}

/** A body a surface received (HTTP, a socket message): the endpoint's protocols decode it. */
export interface RpcBodyInput {
  readonly body: RpcBody;
  readonly contentType: string | undefined;
  /**
   * The surface runs none of its calls (a socket at its in-flight limit): each call is answered
   * with this outcome, in the caller's protocol and with the caller's ids.
   */
  readonly refusal?: RpcOutcome;
  /** Told the body's codec and call once decoded; one object per body, so no closure per call. */
  readonly observer?: RpcDecodeObserver;
}

/** One call the surface decoded itself (a broker message: its pattern and data). */
export interface RpcCallInput {
  readonly call: RpcCall;
  /** The protocol the call is counted under (telemetry, `getRpcContext`). */
  readonly protocol: string;
}

/** No call: may the caller use the endpoint at all? (a WebSocket upgrade, a GET of the OpenRPC document) */
export interface RpcAdmissionInput {
  readonly admission: true;
}

/** The one admission input, shared: it carries nothing of its own. */
export const ADMISSION: RpcAdmissionInput = Object.freeze({ admission: true });
