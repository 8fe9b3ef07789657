import type { RpcCallId } from '../interfaces/rpc-call.interface.js';
import { failureKindOf, FAILURES, rpcFailure } from '../outcome/rpc-failures.js';
import type { RpcFailure, RpcFailureKind, RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import { JsonRpcMessages } from '../weerpc.messages.js';
import { jsonRpcStreamItem, STREAM_CANCEL_METHOD, STREAM_MEMBER } from '../wire/wire-names.js';
import { isJsonObject } from './json-body.js';
import { lastEventIdOf } from './last-event-id.js';
import { idNumberSource } from './json-scan.js';
import { JSON_RPC_ERRORS, JsonRpcErrorCode } from './jsonrpc-errors.js';
import type { RpcBatchEncoder, RpcCodec, RpcDecodedCall, RpcDecodedFailure, RpcDecodeResult, RpcStreamCancel } from './rpc-codec.interface.js';

/** The default `maxBatchSize`. */
export const DEFAULT_MAX_BATCH_SIZE = 100;

const INVALID_REQUEST = FAILURES.invalidRequest;
const INVALID_ANONYMOUS: RpcDecodedFailure = { failure: INVALID_REQUEST, id: null };
const NOT_ACCEPTED = rpcFailure('invalid-version', JsonRpcMessages.notAccepted);
const NO_CONTENT: RpcAnswer = { status: 204, body: '' };

/**
 * Errors are HTTP 200, as JSON-RPC clients expect, but for a body the server did not read whole:
 * the transport's own status tells a client (or a proxy) why the connection closes.
 */
const HTTP_STATUS: Partial<Record<RpcFailureKind, number>> = { 'too-large': 413, 'timed-out': 408 };

/**
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification): requests, notifications and batches in;
 * `{"jsonrpc":"2.0","result"|"error",...,"id"}` out. `params` (by position or by name) become the
 * function's data. Answers are HTTP 200 (errors too, as JSON-RPC clients expect), 204 when nothing
 * is to be answered, 413 for a body over the limit, 408 for one not whole in time.
 */
export class JsonRpcCodec implements RpcCodec, RpcBatchEncoder {
  readonly name = 'jsonrpc/2.0';
  readonly envelopeKey = 'jsonrpc';
  /** Every answer carries its request's id. */
  readonly pairsByOrder = false;
  readonly batch: RpcBatchEncoder = this;
  private readonly batchTooLarge: RpcDecodedFailure;

  constructor(readonly maxBatchSize = DEFAULT_MAX_BATCH_SIZE) {
    this.batchTooLarge = { failure: rpcFailure('invalid-request', JsonRpcMessages.invalidRequest, { maxBatchSize }), id: null };
  }

  read(value: unknown, text?: string): RpcDecodeResult {
    if (!Array.isArray(value)) {
      return this.readRequest(value, text);
    }
    if (value.length === 0) {
      return INVALID_ANONYMOUS;
    }
    if (value.length > this.maxBatchSize) {
      return this.batchTooLarge;
    }
    const batch: (RpcDecodedCall | RpcDecodedFailure)[] = new Array(value.length);
    for (let index = 0; index < value.length; index++) {
      batch[index] = this.readRequest(value[index], text, index);
    }
    return { batch };
  }

  /**
   * One Request object (`element` of a batch, or -1); an invalid one is answered with its id when
   * that id is valid, else null.
   */
  readRequest(value: unknown, text?: string, element = -1): RpcDecodedCall | RpcDecodedFailure {
    if (!isJsonObject(value)) {
      return INVALID_ANONYMOUS;
    }
    const hasId = Object.hasOwn(value, 'id');
    let id = value.id;
    if (typeof id === 'number' && text !== undefined && !Number.isSafeInteger(id) && !(Math.abs(id) < MAX_SAFE_NEXT)) {
      id = exactIntegerId(id, text, element);
    }
    if (hasId && !isValidId(id)) {
      return INVALID_ANONYMOUS;
    }
    const params = value.params;
    const hasParams = Object.hasOwn(value, 'params');
    if (value.jsonrpc !== '2.0' || typeof value.method !== 'string' || (hasParams && (typeof params !== 'object' || params === null))) {
      // Invalid requests are answered even without an id (the specification's own example).
      return hasId ? { failure: INVALID_REQUEST, id: id as RpcCallId } : INVALID_ANONYMOUS;
    }
    const lastEventId = lastEventIdOf(value);
    if (lastEventId === null) {
      return hasId ? { failure: INVALID_REQUEST, id: id as RpcCallId } : INVALID_ANONYMOUS;
    }
    const call = {
      function: value.method,
      data: hasParams ? params : null,
      id: hasId ? (id as RpcCallId) : undefined,
      stream: value[STREAM_MEMBER] === true,
    };
    return { call: lastEventId === undefined ? call : { ...call, lastEventId } };
  }

  /**
   * A JSON-RPC request on an endpoint without JSON-RPC: a server error with the request's id. A
   * notification is answered too (id null): nothing ran, and the endpoint's answers always have a body.
   */
  refuse(value: Record<string, unknown>): RpcDecodedFailure {
    const request = this.readRequest(value);
    return { failure: NOT_ACCEPTED, id: (request.call ? request.call.id : request.id) ?? null };
  }

  answer(outcome: RpcOutcome, id: RpcCallId | undefined): RpcAnswer {
    const body = this.element(outcome, id);
    if (body === undefined) {
      return NO_CONTENT;
    }
    const kind = failureKindOf(outcome);
    return { status: (kind && HTTP_STATUS[kind]) ?? 200, body };
  }

  element(outcome: RpcOutcome, id: RpcCallId | undefined): string | undefined {
    if (id === undefined) {
      return undefined; // a notification is never answered
    }
    if (outcome.ok) {
      return `{"jsonrpc":"2.0","result":${serialize(outcome.data)},"id":${idJson(id)}}`;
    }
    return `{"jsonrpc":"2.0","error":${serialize(errorObject(outcome))},"id":${idJson(id)}}`;
  }

  /**
   * An item is a notification, as MCP's streamable HTTP sends them: `rpc.stream` with the call's id,
   * and the item's event id as `eventId` when it has one (over Server-Sent Events also its `id:` line).
   */
  streamItem(item: unknown, id: RpcCallId | undefined, eventId?: string): string {
    return jsonRpcStreamItem(JSON.stringify(id ?? null), serialize(item), eventId);
  }

  /** A notification tells itself apart from the call's response: the same as an event's. */
  streamMessage(item: unknown, id: RpcCallId | undefined, eventId?: string): string {
    return this.streamItem(item, id, eventId);
  }

  /**
   * The notification `{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":7}}` stops the stream of
   * call 7 (as LSP's `$/cancelRequest`); a notification, so it gets no answer of its own.
   */
  cancelOf(value: Record<string, unknown>): RpcStreamCancel | undefined {
    if (value.jsonrpc !== '2.0' || value.method !== STREAM_CANCEL_METHOD || Object.hasOwn(value, 'id') || !isJsonObject(value.params)) {
      return undefined;
    }
    const id = value.params.id;
    return isValidId(id) ? { id: id as RpcCallId } : undefined;
  }

  /** The call's own response closes the stream. */
  streamEnd(outcome: RpcOutcome, id: RpcCallId | undefined): string {
    return this.element(outcome, id ?? null)!;
  }

  join(elements: readonly string[]): RpcAnswer {
    return elements.length === 0 ? NO_CONTENT : { status: 200, body: `[${elements.join(',')}]` };
  }
}

/** The error object of a failed outcome: the code of its kind; a function's own failure is -32000. */
function errorObject(outcome: RpcOutcome): { code: number; message: string; data?: unknown } {
  const failure = outcome as Partial<RpcFailure>;
  const known = failure.kind === undefined ? undefined : JSON_RPC_ERRORS[failure.kind];
  const code = known?.code ?? JsonRpcErrorCode.FunctionFailed;
  const message = known?.message ?? outcome.message ?? JsonRpcMessages.serverError;
  const data = failure.kind === 'rejected' ? { status: failure.exceptionStatus } : outcome.data;
  return data === null || data === undefined ? { code, message } : { code, message, data };
}

/** JSON for any value; `undefined` (and functions) become null as in weeRPC answers. Throws on BigInt and cycles. */
function serialize(value: unknown): string {
  return value === undefined ? 'null' : (JSON.stringify(value) ?? 'null');
}

/** A string, a number or null, as the specification allows (an integer beyond 2^53 read as a BigInt). */
function isValidId(id: unknown): id is RpcCallId {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'bigint';
}

/** 2^53: integers from here on may have lost digits in `JSON.parse` (and ±Infinity all of them). */
const MAX_SAFE_NEXT = 2 ** 53;
const INTEGER_TEXT = /^-?\d+$/;

/**
 * An id `JSON.parse` read as an integer beyond 2^53 (or as ±Infinity): written as a plain integer
 * in the body, it becomes a BigInt of exactly those digits, so the answer echoes it byte for byte.
 * Other forms (`1e300`, `1.5`) stay the number JSON reads, as before.
 */
function exactIntegerId(parsed: number, text: string, element: number): number | bigint {
  const source = idNumberSource(text, element);
  return source !== undefined && INTEGER_TEXT.test(source) ? BigInt(source) : parsed;
}

/** An id as JSON: a BigInt id by its digits (`JSON.stringify` refuses BigInts). */
function idJson(id: RpcCallId): string {
  return typeof id === 'bigint' ? id.toString() : JSON.stringify(id);
}
