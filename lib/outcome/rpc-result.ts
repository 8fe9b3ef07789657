import type { RpcOutcome } from './rpc-outcome.interface.js';

/** An outcome built with `RpcResponse`: sent exactly as built, whatever the protocol. */
export class RpcResult<T = unknown> implements RpcOutcome<T> {
  constructor(
    readonly ok: boolean,
    readonly message: string | null,
    readonly data: T | null,
  ) {}
}
