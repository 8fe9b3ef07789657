import type { RpcDecodeObserver } from '../dispatch/rpc-input.js';
import type { RpcCall, RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcEventStream } from '../outcome/rpc-event-stream.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcCodec } from '../protocol/rpc-codec.interface.js';

/** What a socket decides when a message is decoded: whether a call that asks for a stream may open one. */
export interface RpcWsStreamPlaces {
  /** Takes one of the socket's stream places, or answers the refusal when none is left. */
  takeStreamPlace(message: WsMessage): RpcOutcome | undefined;
}

/**
 * One message of a socket, from its arrival to its last answer: where its answer goes (in the
 * socket's weeRPC order, or at once for JSON-RPC), the answer once ready, and its stream.
 */
export class WsMessage implements RpcDecodeObserver {
  /** Whether its answer waits for the answers of the messages before it (weeRPC has no ids). Until decoded, it does. */
  ordered = true;
  /** The codec that reads it, once decoded: it frames the answer the drain gives a call still running. */
  codec?: RpcCodec;
  /** The call's id (JSON-RPC), so that `rpc.cancel` can name its stream. */
  id: RpcCallId | undefined;
  /** Whether it holds one of the socket's stream places (it asked with `"stream": true` and was let). */
  streamed = false;
  /** The answer: `undefined` while its calls run, `null` for no answer. */
  text: string | null | undefined;
  /** A streamed answer: its messages go out when its turn comes (weeRPC) or at once (JSON-RPC). */
  events?: RpcEventStream;
  /** The client asked to stop its stream, perhaps before the stream started. */
  stopAsked = false;

  constructor(private readonly places: RpcWsStreamPlaces) {}

  decoded(codec: RpcCodec, call: RpcCall | undefined): RpcOutcome | undefined {
    this.codec = codec;
    this.ordered = codec.pairsByOrder;
    this.id = call?.id;
    return call?.stream === true ? this.places.takeStreamPlace(this) : undefined;
  }
}
