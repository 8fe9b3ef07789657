import { ClientMessages } from './client.messages.js';

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

/** The error for an answer that is not one of `protocol`'s. */
export function notAnswerOf(protocol: string, status: number): RpcClientError {
  return new RpcClientError(ClientMessages.notAnswer(protocol, status), status);
}

/** A weeRPC failure (`ok: false`) that ended a stream: `call()` resolves to such answers, `stream()` throws them. */
export class WeeRpcError extends Error {
  constructor(
    message: string,
    /** The failure's `data` (a validation failure's messages, say). */
    readonly data: unknown,
  ) {
    super(message);
    this.name = 'WeeRpcError';
  }
}

/**
 * @deprecated Renamed `RpcClientError` (both clients throw it). This alias goes in the next major version.
 */
export const WeeRpcClientError = RpcClientError;
/** @deprecated Renamed `RpcClientError`. */
export type WeeRpcClientError = RpcClientError;
