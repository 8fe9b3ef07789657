import { Injectable, Logger } from '@nestjs/common';
import { checkAccess, type RpcAccessRules } from '../auth/rpc-access-rules.js';
import type { RpcCall, RpcCallId } from '../interfaces/rpc-call.interface.js';
import type {
  RpcCodec,
  RpcDecodedBatch,
  RpcDecodedCall,
  RpcDecodedFailure,
  RpcHttpAnswer,
  RpcReply,
} from '../interfaces/rpc-codec.interface.js';
import type { RpcEndpoint } from '../interfaces/rpc-endpoint.interface.js';
import type { RpcHttpRequest } from '../interfaces/rpc-http-request.interface.js';
import { FAILURES, rpcFailure } from '../protocol/rpc-failures.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { errorToOutcome, INTERNAL_ERROR, resultToOutcome } from './outcome.js';
import { RpcCallContext } from './rpc-call-context.js';

const NO_FUNCTIONS: RpcReply = { outcome: FAILURES.noFunctions, status: 200 };
const UNAUTHORIZED: RpcReply = { outcome: FAILURES.unauthorized, status: 200 };
const TOO_LARGE: RpcReply = { outcome: FAILURES.tooLarge, status: 413 };
const INVALID_FUNCTION: RpcReply = { outcome: FAILURES.invalidFunction, status: 200 };

/** The 413 answer of an endpoint, also sent by the HTTP layer when a body is too large to drain. */
export const tooLargeAnswer = (endpoint: RpcEndpoint): RpcHttpAnswer => endpoint.codec.answer(TOO_LARGE, null);

/**
 * The pipeline of PROTOCOL.md, in its order: the first failing check answers. The endpoint-wide
 * checks (functions, auth, size) are decided before the body is looked at; the body is then
 * parsed once, only to answer in the caller's protocol (and, for JSON-RPC, with the caller's ids).
 * Never throws: whatever happens becomes a protocol answer.
 */
@Injectable()
export class WeeRpcDispatcher {
  private readonly logger = new Logger('WeeRpc');
  private missingSessionReported = false;

  async dispatch(endpoint: RpcEndpoint, request: RpcHttpRequest): Promise<RpcHttpAnswer> {
    let codec = endpoint.codec;
    let id: RpcCallId | undefined = null;
    try {
      const denial = this.endpointDenial(endpoint, request);
      const decoding = endpoint.protocols.decode(request.body, request.contentType);
      codec = decoding.codec;
      const { decoded } = decoding;
      if (decoded.call) {
        id = decoded.call.id;
        return codec.answer(denial ?? (await this.run(endpoint, request, codec, decoded.call)), id);
      }
      if (decoded.batch) {
        return await this.runBatch(endpoint, request, codec, decoded, denial);
      }
      return codec.answer(denial ?? { outcome: decoded.failure, status: 200 }, decoded.id);
    } catch (error) {
      // Only an outcome that cannot be serialized (a BigInt, a cycle) or a bug gets here.
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return codec.answer(INTERNAL_ERROR, id);
    }
  }

  /** Says once, on the first request that meets a session rule without a session. */
  reportMissingSession(path: string): void {
    if (!this.missingSessionReported) {
      this.missingSessionReported = true;
      this.logger.warn(BootstrapMessages.noSessionMiddleware(path));
    }
  }

  /** Checks 1 to 3 and the size limit: they hold for every call of the request, whatever its body. */
  private endpointDenial(endpoint: RpcEndpoint, request: RpcHttpRequest): RpcReply | null {
    if (endpoint.table.size === 0) {
      return NO_FUNCTIONS;
    }
    const denied = this.accessDenial(endpoint.access, request, endpoint.path);
    if (denied) {
      return denied;
    }
    return request.body.kind === 'too-large' ? TOO_LARGE : null;
  }

  /** Checks 10 to 13 for one call. */
  private async run(endpoint: RpcEndpoint, request: RpcHttpRequest, codec: RpcCodec, call: RpcCall): Promise<RpcReply> {
    const entry = endpoint.table.get(call.function);
    if (!entry) {
      return INVALID_FUNCTION;
    }
    const denied = this.accessDenial(entry.access, request, endpoint.path);
    if (denied) {
      return denied;
    }
    const context = new RpcCallContext(entry.name, endpoint.path, call.data, codec.name);
    try {
      return resultToOutcome(await entry.invoke(request.request, request.response, context));
    } catch (error) {
      return errorToOutcome(error, this.logger, entry.place);
    }
  }

  /**
   * Every call of a batch goes through the same checks as a single call, concurrently; each
   * element of the answer is serialized on its own, so one bad result fails only its own call.
   */
  private async runBatch(
    endpoint: RpcEndpoint,
    request: RpcHttpRequest,
    codec: RpcCodec,
    { batch }: RpcDecodedBatch,
    denial: RpcReply | null,
  ): Promise<RpcHttpAnswer> {
    const encoder = codec.batch!;
    const pending: (RpcReply | Promise<RpcReply>)[] = new Array(batch.length);
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index];
      pending[index] = denial ?? (item.call ? this.run(endpoint, request, codec, item.call) : { outcome: item.failure, status: 200 });
    }
    const replies = await Promise.all(pending);
    const elements: string[] = [];
    for (let index = 0; index < batch.length; index++) {
      const itemId = idOf(batch[index]);
      let element: string | undefined;
      try {
        element = encoder.element(replies[index], itemId);
      } catch (error) {
        this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
        element = encoder.element(INTERNAL_ERROR, itemId);
      }
      if (element !== undefined) {
        elements.push(element);
      }
    }
    return encoder.join(elements);
  }

  private accessDenial(rules: RpcAccessRules, request: RpcHttpRequest, path: string): RpcReply | null {
    if (rules.session.length > 0 && request.session === undefined) {
      this.reportMissingSession(path);
    }
    const message = checkAccess(rules, request.session, request.host);
    if (message === null) {
      return null;
    }
    return message === UNAUTHORIZED.outcome.message ? UNAUTHORIZED : { outcome: rpcFailure('unauthorized', message), status: 200 };
  }
}

function idOf(item: RpcDecodedCall | RpcDecodedFailure): RpcCallId | undefined {
  return item.call ? item.call.id : item.id;
}
