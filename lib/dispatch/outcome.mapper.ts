import { HttpException, type Logger } from '@nestjs/common';
import { FAILURES, rpcFailure } from '../outcome/rpc-failures.js';
import type { RpcFailure, RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { RpcResult } from '../outcome/rpc-result.js';
import { RpcMessages } from '../weerpc.messages.js';

/** What a function's return value becomes. */
export function resultToOutcome(result: unknown): RpcOutcome {
  if (result instanceof RpcResult) {
    return result;
  }
  if (result === undefined) {
    return FAILURES.noResult;
  }
  return { ok: true, message: null, data: result };
}

/**
 * What a thrown error becomes: an `HttpException` keeps its message (a validation failure
 * becomes `Invalid data.` with the constraint messages); anything else is logged with its
 * stack and answered without a detail.
 */
export function errorToOutcome(error: unknown, logger: Logger, place: string): RpcFailure {
  if (error instanceof HttpException) {
    const validationMessages = validationMessagesOf(error);
    if (validationMessages) {
      return rpcFailure('invalid-data', RpcMessages.invalidData, validationMessages);
    }
    return { ok: false, kind: 'rejected', message: error.message, data: null, exceptionStatus: error.getStatus() };
  }
  logger.error(
    `Unexpected error in ${place}: ${error instanceof Error ? error.message : String(error)}`,
    error instanceof Error ? error.stack : undefined,
  );
  return FAILURES.internal;
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
