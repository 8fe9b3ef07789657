import { failureKindOf, FAILURES } from '../outcome/rpc-failures.js';
import type { RpcFailureKind, RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import { CANCEL_MEMBER, EVENT_ID_MEMBER, STREAM_MEMBER, weeRpcStreamMessagePrefix } from '../wire/wire-names.js';
import { lastEventIdOf } from './last-event-id.js';
import { isFalsyBody, isJsonObject } from './json-body.js';
import type { RpcCodec, RpcDecodedCall, RpcDecodedFailure, RpcStreamCancel } from './rpc-codec.interface.js';

const EMPTY: RpcDecodedFailure = { failure: FAILURES.empty };
const INVALID_REQUEST: RpcDecodedFailure = { failure: FAILURES.invalidRequest };
const INVALID_VERSION: RpcDecodedFailure = { failure: FAILURES.invalidVersion };
const OLDEST_STREAM: RpcStreamCancel = {};

/** weeRPC answers with HTTP 200 but for these kinds (the protocol's status rule). */
const HTTP_STATUS: Partial<Record<RpcFailureKind, number>> = { 'too-large': 413, 'timed-out': 408, internal: 500, busy: 503, 'shutting-down': 503 };

/**
 * weeRPC: `{ <key>: <version>, function, data }` in, `{ <key>: <version>, ok, message, data }` out.
 * 1.1 uses the key `weerpc`, the legacy 1.0 the key `wrpc`.
 */
export class WeeRpcCodec implements RpcCodec {
  readonly name: string;
  /** No request id: the n-th answer of a socket is its n-th call's. */
  readonly pairsByOrder = true;
  private readonly envelopePrefix: string;
  private readonly itemMessagePrefix: string;

  constructor(
    readonly envelopeKey: 'weerpc' | 'wrpc',
    readonly version: number,
  ) {
    this.name = `weerpc/${version.toFixed(1)}`;
    this.envelopePrefix = `{"${envelopeKey}":${version.toFixed(1)},"ok":`;
    this.itemMessagePrefix = weeRpcStreamMessagePrefix(envelopeKey, version);
  }

  /** Checks 6 to 9 on a parsed body: not falsy, an object, the version, a function name. */
  read(value: unknown): RpcDecodedCall | RpcDecodedFailure {
    return isFalsyBody(value) ? EMPTY : this.decodeValue(value);
  }

  /** Checks 7 to 9 of the pipeline on a parsed, non-empty body. */
  decodeValue(value: unknown): RpcDecodedCall | RpcDecodedFailure {
    if (!isJsonObject(value)) {
      return INVALID_REQUEST;
    }
    const version = value[this.envelopeKey];
    if (typeof version !== 'number' || version !== this.version) {
      return INVALID_VERSION;
    }
    const name = value.function;
    if (typeof name !== 'string') {
      return INVALID_REQUEST;
    }
    const lastEventId = lastEventIdOf(value);
    if (lastEventId === null) {
      return INVALID_REQUEST;
    }
    // Browsers drop keys whose value is undefined, so a missing `data` is null.
    const data = Object.hasOwn(value, 'data') ? value.data : null;
    const stream = value[STREAM_MEMBER] === true;
    return { call: lastEventId === undefined ? { function: name, data, stream } : { function: name, data, stream, lastEventId } };
  }

  /** `{"weerpc":1.1,"cancel":true}`: stop the socket's oldest stream (weeRPC has no ids; its streams are read in order). */
  cancelOf(value: Record<string, unknown>): RpcStreamCancel | undefined {
    return value[this.envelopeKey] === this.version && value[CANCEL_MEMBER] === true && !Object.hasOwn(value, 'function') ? OLDEST_STREAM : undefined;
  }

  /** weeRPC's version error: `Invalid weerpc version.`, in this version's envelope. */
  refuse(): RpcDecodedFailure {
    return INVALID_VERSION;
  }

  answer(outcome: RpcOutcome): RpcAnswer {
    // Written by hand so the version keeps its decimal point (`1.0`, as the reference sends it).
    const data = outcome.data === undefined ? 'null' : (JSON.stringify(outcome.data) ?? 'null');
    const message = outcome.message == null ? 'null' : JSON.stringify(outcome.message);
    const kind = failureKindOf(outcome);
    const status = (kind && HTTP_STATUS[kind]) ?? 200;
    return { status, body: `${this.envelopePrefix}${outcome.ok},"message":${message},"data":${data}}` };
  }

  /**
   * An item is a success answer of its own: `{"weerpc":1.1,"ok":true,"message":null,"data":item}`; its
   * event id travels on the event's `id:` line only, so the item stays a plain answer.
   */
  streamItem(item: unknown): string {
    return `${this.envelopePrefix}true,"message":null,"data":${JSON.stringify(item) ?? 'null'}}`;
  }

  /**
   * Over a WebSocket an item says so (`"stream":"item"`): any other message is the call's final answer.
   * Its event id follows the data: `...,"data":1,"eventId":"42"}`.
   */
  streamMessage(item: unknown, _id?: unknown, eventId?: string): string {
    const tail = eventId === undefined ? '}' : `,"${EVENT_ID_MEMBER}":${JSON.stringify(eventId)}}`;
    return `${this.itemMessagePrefix}${JSON.stringify(item) ?? 'null'}${tail}`;
  }

  streamEnd(outcome: RpcOutcome): string {
    return this.answer(outcome).body;
  }
}

/** weeRPC 1.1, the default protocol. */
export const WEERPC_1_1_CODEC = new WeeRpcCodec('weerpc', 1.1);
/** weeRPC 1.0, the legacy protocol (`wrpc`). */
export const WEERPC_1_0_CODEC = new WeeRpcCodec('wrpc', 1.0);
