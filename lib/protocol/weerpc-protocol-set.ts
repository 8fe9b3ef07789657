import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcProtocolName } from '../interfaces/weerpc-options.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { CANCEL_MEMBER } from '../wire/wire-names.js';
import { isJsonContentType, isJsonObject, jsonTextOf, NOT_JSON, parseJsonText } from './json-body.js';
import { textExceedsDepth, valueExceedsDepth } from './json-scan.js';
import { DEFAULT_MAX_BATCH_SIZE, JsonRpcCodec } from './jsonrpc.codec.js';
import type { RpcCodec, RpcDecodedFailure, RpcProtocolDecoding, RpcProtocols, RpcStreamCancel } from './rpc-codec.interface.js';
import { WEERPC_1_0_CODEC, WEERPC_1_1_CODEC } from './weerpc.codec.js';

const NOT_JSON_FAILURE: RpcDecodedFailure = { failure: FAILURES.notJson, id: null };
/** A body nested deeper than `maxDepth`: refused as a whole, before any function or pipe sees it. */
const TOO_DEEP_FAILURE: RpcDecodedFailure = { failure: FAILURES.invalidRequest, id: null };

/** A cancel message is a few dozen bytes: longer messages are calls, and are not parsed twice. */
const CANCEL_MAX_BYTES = 256;
/** The word both cancel messages hold (weeRPC's `"cancel":true`, JSON-RPC's `rpc.cancel`): messages without it are not parsed twice. */
const CANCEL_WORD = Buffer.from(CANCEL_MEMBER);

/** The default `maxDepth`: levels of arrays and objects in a body, the outermost counted. */
export const DEFAULT_MAX_DEPTH = 512;

/** The protocols of the `protocols` option, in the order codecs are looked for in a body. */
export const PROTOCOL_NAMES: readonly RpcProtocolName[] = ['weerpc/1.1', 'weerpc/1.0', 'jsonrpc/2.0'];

/** A known protocol the endpoint does not accept: `refuser` reads its version error, `answerer` sends it. */
export interface RpcRefusal {
  readonly refuser: RpcCodec;
  readonly answerer: RpcCodec;
}

/**
 * The protocols of one endpoint. A body is parsed once; the codec is picked by the envelope key:
 * `weerpc` weeRPC 1.1, `wrpc` weeRPC 1.0, `jsonrpc` JSON-RPC 2.0, an array JSON-RPC 2.0 (a batch)
 * when the endpoint accepts it. A known protocol the endpoint does not accept answers its own
 * version error (a weeRPC one in the envelope of the weeRPC version the endpoint speaks, as
 * docs/protocol.md says). Anything else (no JSON, no known key) is read by the first protocol.
 */
export class WeeRpcProtocolSet implements RpcProtocols {
  readonly first: RpcCodec;
  readonly names: readonly string[];
  private readonly batchCodec: RpcCodec;

  constructor(
    private readonly accepted: readonly RpcCodec[],
    /** Known protocols the endpoint does not accept: they only answer their version error. */
    private readonly refused: readonly RpcRefusal[],
    /** Deeper bodies are an invalid request (recursive code downstream would run out of stack). */
    private readonly maxDepth = DEFAULT_MAX_DEPTH,
  ) {
    this.first = accepted[0];
    this.names = accepted.map(codec => codec.name);
    this.batchCodec = accepted.find(codec => codec.batch) ?? this.first;
  }

  decode(body: RpcBody, contentType: string | undefined): RpcProtocolDecoding {
    if (!isJsonContentType(contentType)) {
      return { codec: this.first, decoded: NOT_JSON_FAILURE };
    }
    const text = body.kind === 'bytes' ? jsonTextOf(body.bytes) : undefined;
    const value = body.kind === 'parsed' ? body.value : parseJsonText(text);
    if (value === NOT_JSON) {
      return { codec: this.first, decoded: NOT_JSON_FAILURE };
    }
    const tooDeep = text === undefined ? valueExceedsDepth(value, this.maxDepth) : textExceedsDepth(text, this.maxDepth);
    if (isJsonObject(value)) {
      for (const codec of this.accepted) {
        if (Object.hasOwn(value, codec.envelopeKey)) {
          return { codec, decoded: tooDeep ? TOO_DEEP_FAILURE : codec.read(value, text) };
        }
      }
      for (const { refuser, answerer } of this.refused) {
        if (Object.hasOwn(value, refuser.envelopeKey)) {
          return { codec: answerer, decoded: tooDeep ? TOO_DEEP_FAILURE : refuser.refuse(value) };
        }
      }
    } else if (Array.isArray(value)) {
      return { codec: this.batchCodec, decoded: tooDeep ? TOO_DEEP_FAILURE : this.batchCodec.read(value, text) };
    }
    return { codec: this.first, decoded: tooDeep ? TOO_DEEP_FAILURE : this.first.read(value, text) };
  }

  dataExceedsDepth(data: unknown): boolean {
    return valueExceedsDepth(data, this.maxDepth - 1);
  }

  readCancel(bytes: Uint8Array): RpcStreamCancel | undefined {
    if (bytes.length > CANCEL_MAX_BYTES || Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(CANCEL_WORD) < 0) {
      return undefined;
    }
    const value = parseJsonText(jsonTextOf(bytes));
    if (!isJsonObject(value)) {
      return undefined;
    }
    for (const codec of this.accepted) {
      if (Object.hasOwn(value, codec.envelopeKey)) {
        return codec.cancelOf(value);
      }
    }
    return undefined;
  }
}

/** What the endpoint options say about protocols. */
export interface RpcProtocolOptions {
  protocols?: readonly RpcProtocolName[];
  maxBatchSize?: number;
  maxDepth?: number;
}

/** Builds an endpoint's protocol set from its options, at bootstrap; throws on a bad option. */
export function createProtocolSet(options: RpcProtocolOptions = {}): WeeRpcProtocolSet {
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) {
    throw new Error(BootstrapMessages.invalidMaxBatchSize(options.maxBatchSize));
  }
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
    throw new Error(BootstrapMessages.invalidMaxDepth(options.maxDepth));
  }
  const names: readonly RpcProtocolName[] = options.protocols ?? ['weerpc/1.1'];
  if (!Array.isArray(names as unknown) || names.length === 0) {
    throw new Error(BootstrapMessages.noProtocols);
  }
  for (const name of names) {
    if (!PROTOCOL_NAMES.includes(name)) {
      throw new Error(BootstrapMessages.unknownProtocol(name, PROTOCOL_NAMES));
    }
  }
  const codecs: Record<RpcProtocolName, RpcCodec> = {
    'weerpc/1.1': WEERPC_1_1_CODEC,
    'weerpc/1.0': WEERPC_1_0_CODEC,
    'jsonrpc/2.0': new JsonRpcCodec(maxBatchSize),
  };
  const accepted = [...new Set(names)].map(name => codecs[name]);
  const weeRpc = accepted.find(codec => codec.name.startsWith('weerpc/'));
  const refused = PROTOCOL_NAMES.filter(name => !names.includes(name)).map(name => {
    const refuser = codecs[name];
    return { refuser, answerer: name.startsWith('weerpc/') && weeRpc ? weeRpc : refuser };
  });
  return new WeeRpcProtocolSet(accepted, refused, maxDepth);
}
