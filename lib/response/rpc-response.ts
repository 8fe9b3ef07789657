import { Injectable } from '@nestjs/common';
import { RpcResult } from '../outcome/rpc-result.js';

/**
 * Builds function outcomes. Inject it (`constructor(private readonly rpc: RpcResponse)`)
 * or use the static twins in plain functions.
 *
 * @example return this.rpc.success(6, "Function 'add_numbers' executed successfully");
 */
@Injectable()
export class RpcResponse {
  /** A successful outcome. */
  static success<T>(data?: T, message?: string | null): RpcResult<T> {
    return new RpcResult<T>(true, message ?? null, data === undefined ? null : data);
  }

  /** A failed outcome. */
  static fail<T>(message?: string | null, data?: T): RpcResult<T> {
    return new RpcResult<T>(false, message ?? null, data === undefined ? null : data);
  }

  /** A successful outcome. */
  success<T>(data?: T, message?: string | null): RpcResult<T> {
    return RpcResponse.success(data, message);
  }

  /** A failed outcome. */
  fail<T>(message?: string | null, data?: T): RpcResult<T> {
    return RpcResponse.fail(message, data);
  }
}
