/** Thrown by the clients when the server's answer is not one of the protocol's (a proxy's error page, say). */
export class RpcClientError extends Error {
  constructor(
    message: string,
    /** The HTTP status of the answer. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'RpcClientError';
  }
}

/**
 * @deprecated Renamed `RpcClientError` (both clients throw it). This alias goes in the next major version.
 */
export const WeeRpcClientError = RpcClientError;
/** @deprecated Renamed `RpcClientError`. */
export type WeeRpcClientError = RpcClientError;
