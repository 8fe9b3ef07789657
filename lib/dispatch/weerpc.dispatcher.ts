import { Injectable, Logger } from '@nestjs/common';
import { checkAccess, type RpcAccessRules } from '../auth/rpc-access-rules.js';
import type { RpcCodec, RpcHttpAnswer } from '../interfaces/rpc-codec.interface.js';
import type { RpcEndpoint, RpcFunctionEntry } from '../interfaces/rpc-endpoint.interface.js';
import type { RpcHttpRequest } from '../interfaces/rpc-http-request.interface.js';
import { BootstrapMessages, RpcMessages } from '../weerpc.messages.js';
import { errorToOutcome, INTERNAL_ERROR, resultToOutcome, type RpcAnsweredOutcome } from './outcome.js';
import { RpcCallContext } from './rpc-call-context.js';

const failure = (codec: RpcCodec, message: string, status = 200): RpcHttpAnswer =>
  codec.encode({ ok: false, message, data: null }, status);

/** The 413 answer of an endpoint, also sent by the HTTP layer when a body is too large to drain. */
export const tooLargeAnswer = (endpoint: RpcEndpoint): RpcHttpAnswer => failure(endpoint.codec, RpcMessages.tooLarge, 413);

/**
 * The weeRPC pipeline of PROTOCOL.md, in its order: the first failing check answers.
 * Never throws: whatever happens becomes a protocol answer.
 */
@Injectable()
export class WeeRpcDispatcher {
  private readonly logger = new Logger('WeeRpc');
  private missingSessionReported = false;

  async dispatch(endpoint: RpcEndpoint, request: RpcHttpRequest): Promise<RpcHttpAnswer> {
    const { codec } = endpoint;
    try {
      if (endpoint.table.size === 0) {
        return failure(codec, RpcMessages.noFunctions);
      }
      const endpointDenied = this.checkAccess(endpoint.access, request, endpoint.path);
      if (endpointDenied) {
        return failure(codec, endpointDenied);
      }
      if (request.body.kind === 'too-large') {
        return tooLargeAnswer(endpoint);
      }
      const decoded = codec.decode(request.body, request.contentType);
      if (decoded.failure) {
        return codec.encode(decoded.failure);
      }
      const entry = endpoint.table.get(decoded.call.function);
      if (!entry) {
        return failure(codec, RpcMessages.invalidFunction);
      }
      const functionDenied = this.checkAccess(entry.access, request, endpoint.path);
      if (functionDenied) {
        return failure(codec, functionDenied);
      }
      const { outcome, status } = await this.invoke(entry, endpoint, request, decoded.call.data);
      return codec.encode(outcome, status);
    } catch (error) {
      // Only an outcome that cannot be serialized (a BigInt, a cycle) or a bug gets here.
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return codec.encode(INTERNAL_ERROR.outcome, INTERNAL_ERROR.status);
    }
  }

  /** Says once, on the first request that meets a session rule without a session. */
  reportMissingSession(path: string): void {
    if (!this.missingSessionReported) {
      this.missingSessionReported = true;
      this.logger.warn(BootstrapMessages.noSessionMiddleware(path));
    }
  }

  private checkAccess(rules: RpcAccessRules, request: RpcHttpRequest, path: string): string | null {
    if (rules.session.length > 0 && request.session === undefined) {
      this.reportMissingSession(path);
    }
    return checkAccess(rules, request.session, request.host);
  }

  private async invoke(
    entry: RpcFunctionEntry,
    endpoint: RpcEndpoint,
    request: RpcHttpRequest,
    data: unknown,
  ): Promise<RpcAnsweredOutcome> {
    const call = new RpcCallContext(entry.name, endpoint.path, data, endpoint.codec.name);
    try {
      return resultToOutcome(await entry.invoke(request.request, request.response, call));
    } catch (error) {
      return errorToOutcome(error, this.logger, entry.place);
    }
  }
}
