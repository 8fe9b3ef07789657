import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcCodec, RpcDecodeResult, RpcHttpAnswer } from '../interfaces/rpc-codec.interface.js';
import type { RpcOutcome } from '../interfaces/rpc-outcome.interface.js';
import { RpcMessages } from '../weerpc.messages.js';
import { isFalsyBody, isJsonContentType, isJsonObject, NOT_JSON, parseJsonBody } from './json-body.js';

const failure = (message: string): RpcDecodeResult => ({ failure: { ok: false, message, data: null } });

/**
 * weeRPC: `{ <key>: <version>, function, data }` in, `{ <key>: <version>, ok, message, data }` out.
 * 1.1 uses the key `weerpc`, the legacy 1.0 the key `wrpc`.
 */
export class WeeRpcCodec implements RpcCodec {
  readonly name: string;
  private readonly envelopePrefix: string;

  constructor(
    readonly envelopeKey: 'weerpc' | 'wrpc',
    readonly version: number,
  ) {
    this.name = `weerpc/${version.toFixed(1)}`;
    this.envelopePrefix = `{"${envelopeKey}":${version.toFixed(1)},"ok":`;
  }

  decode(body: RpcBody, contentType: string | undefined): RpcDecodeResult {
    if (!isJsonContentType(contentType)) {
      return failure(RpcMessages.notJson);
    }
    const value = parseJsonBody(body);
    if (value === NOT_JSON) {
      return failure(RpcMessages.notJson);
    }
    if (isFalsyBody(value)) {
      return failure(RpcMessages.empty);
    }
    return this.decodeValue(value);
  }

  /** Checks 7 to 9 of the pipeline on a parsed, non-empty body. */
  decodeValue(value: unknown): RpcDecodeResult {
    if (!isJsonObject(value)) {
      return failure(RpcMessages.invalidRequest);
    }
    const version = value[this.envelopeKey];
    if (typeof version !== 'number' || version !== this.version) {
      return failure(RpcMessages.invalidVersion);
    }
    const name = value.function;
    if (typeof name !== 'string') {
      return failure(RpcMessages.invalidRequest);
    }
    // Browsers drop keys whose value is undefined, so a missing `data` is null.
    return { call: { function: name, data: Object.hasOwn(value, 'data') ? value.data : null } };
  }

  encode(outcome: RpcOutcome, status = 200): RpcHttpAnswer {
    // Written by hand so the version keeps its decimal point (`1.0`, as the reference sends it).
    const data = outcome.data === undefined ? 'null' : (JSON.stringify(outcome.data) ?? 'null');
    const message = outcome.message == null ? 'null' : JSON.stringify(outcome.message);
    return { status, body: `${this.envelopePrefix}${outcome.ok},"message":${message},"data":${data}}` };
  }
}

/** weeRPC 1.1, the default protocol. */
export const WEERPC_1_1 = new WeeRpcCodec('weerpc', 1.1);
/** weeRPC 1.0, the legacy protocol (`wrpc`). */
export const WEERPC_1_0 = new WeeRpcCodec('wrpc', 1.0);
