/** A call's id as JSON-RPC 2.0 carries it: a string, a number or null. */
export type RpcCallId = string | number | null;

/** One decoded call: the function's name and the data handed to it. */
export interface RpcCall {
  readonly function: string;
  readonly data: unknown;
  /**
   * The id the answer echoes, for protocols that have one (JSON-RPC 2.0). `undefined` for a
   * notification (no answer wanted) and for protocols without ids (weeRPC). Only codecs read it.
   */
  readonly id?: RpcCallId;
}
