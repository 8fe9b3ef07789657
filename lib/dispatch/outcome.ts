import { HttpException, type Logger } from '@nestjs/common';
import type { RpcReply } from '../interfaces/rpc-codec.interface.js';
import type { RpcFailure } from '../interfaces/rpc-failure.interface.js';
import { FAILURES, rpcFailure } from '../protocol/rpc-failures.js';
import { RpcResult } from '../response/rpc-result.js';
import { RpcMessages } from '../weerpc.messages.js';

const NO_RESULT: RpcReply = { outcome: FAILURES.noResult, status: 200 };
export const INTERNAL_ERROR: RpcReply = { outcome: FAILURES.internal, status: 500 };

/** What a function's return value becomes. */
export function resultToOutcome(result: unknown): RpcReply {
  if (result instanceof RpcResult) {
    return { outcome: result, status: 200 };
  }
  if (result === undefined) {
    return NO_RESULT;
  }
  return { outcome: { ok: true, message: null, data: result }, status: 200 };
}

/**
 * What a thrown error becomes: an `HttpException` keeps its message (a validation failure
 * becomes `Invalid data.` with the constraint messages); anything else is logged with its
 * stack and answered without a detail.
 */
export function errorToOutcome(error: unknown, logger: Logger, place: string): RpcReply {
  if (error instanceof HttpException) {
    const validationMessages = validationMessagesOf(error);
    if (validationMessages) {
      return { outcome: rpcFailure('invalid-data', RpcMessages.invalidData, validationMessages), status: 200 };
    }
    const rejected: RpcFailure = { ok: false, kind: 'rejected', message: error.message, data: null, exceptionStatus: error.getStatus() };
    return { outcome: rejected, status: 200 };
  }
  logger.error(
    `Unexpected error in ${place}: ${error instanceof Error ? error.message : String(error)}`,
    error instanceof Error ? error.stack : undefined,
  );
  return INTERNAL_ERROR;
}

/** `ValidationPipe` rejects with a 400 whose response carries the list of constraint messages. */
function validationMessagesOf(error: HttpException): unknown[] | null {
  if (error.getStatus() !== 400) {
    return null;
  }
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && Array.isArray((response as { message?: unknown }).message)) {
    return (response as { message: unknown[] }).message;
  }
  return null;
}
