import { Injectable, Logger } from '@nestjs/common';
import { checkAccess } from '../auth/access-rules.js';
import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcCall, RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcInboundRequest } from '../interfaces/rpc-inbound-request.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcAnswer, RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcCodec, RpcDecodedBatch, RpcDecodedCall, RpcDecodedFailure } from '../protocol/rpc-codec.interface.js';
import { WeeRpcTelemetry } from '../telemetry/weerpc-telemetry.js';
import { EVENT_STREAM_CONTENT_TYPE, RPC_DISCOVER_METHOD, WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { errorToOutcome, resultToOutcome } from './outcome.mapper.js';
import { RpcCallContext } from './rpc-call-context.js';
import { collectStream, RpcCodecEventStream } from './rpc-event.stream.js';
import { RpcStreamSource } from './rpc-stream.source.js';
import type { RpcEndpoint } from './rpc-endpoint.interface.js';

/**
 * The pipeline of docs/protocol.md, in its order: the first failing check answers. The endpoint-wide
 * checks (functions, auth, size) are decided before the body is looked at; the body is then
 * parsed once, only to answer in the caller's protocol (and, for JSON-RPC, with the caller's ids).
 * Never throws: whatever happens becomes a protocol answer.
 */
@Injectable()
export class WeeRpcDispatcher {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private missingSessionReported = false;

  constructor(private readonly telemetry: WeeRpcTelemetry) {}

  async dispatch(endpoint: RpcEndpoint, request: RpcInboundRequest): Promise<RpcAnswer> {
    let codec = endpoint.codec;
    let id: RpcCallId | undefined = null;
    try {
      const denial = this.endpointDenial(endpoint, request);
      const decoding = endpoint.protocols.decode(request.body, request.contentType);
      codec = decoding.codec;
      const { decoded } = decoding;
      if (decoded.call) {
        id = decoded.call.id;
        const result = denial ?? (await this.run(endpoint, request, codec.name, decoded.call));
        if (result instanceof RpcStreamSource) {
          return await this.streamAnswer(endpoint, request, codec, decoded.call, result);
        }
        if (result.ok && decoded.call.stream && request.streamMessages) {
          // Asked for a stream over a socket: a plain result is its one item, so the client reads every answer one way.
          return await this.streamAnswer(endpoint, request, codec, decoded.call, RpcStreamSource.single(result.data));
        }
        return codec.answer(result, id);
      }
      if (decoded.batch) {
        return await this.runBatch(endpoint, request, codec, decoded, denial);
      }
      return codec.answer(denial ?? decoded.failure, decoded.id);
    } catch (error) {
      // Only an outcome that cannot be serialized (a BigInt, a cycle) or a bug gets here.
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return codec.answer(FAILURES.internal, id);
    }
  }

  /**
   * One call that arrived without a body to decode (a Nest microservice message): the endpoint's
   * and the function's checks, then the function through its enhancers; the outcome, unencoded.
   * A streaming function's `RpcStreamSource` comes back as it is: the transport sends its items.
   */
  async call(endpoint: RpcEndpoint, request: RpcInboundRequest, call: RpcCall, protocol: string): Promise<RpcOutcome> {
    try {
      return this.endpointDenial(endpoint, request) ?? (await this.run(endpoint, request, protocol, call));
    } catch (error) {
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return FAILURES.internal;
    }
  }

  /**
   * Answers every call of a request with one outcome, without running any (a WebSocket's
   * message beyond its in-flight limit): in the caller's protocol, with the caller's ids.
   */
  async refuse(endpoint: RpcEndpoint, request: RpcInboundRequest, outcome: RpcOutcome): Promise<RpcAnswer> {
    const { codec, decoded } = endpoint.protocols.decode(request.body, request.contentType);
    if (decoded.call) {
      return codec.answer(outcome, decoded.call.id);
    }
    if (decoded.batch) {
      return this.runBatch(endpoint, request, codec, decoded, outcome);
    }
    return codec.answer(decoded.failure, decoded.id);
  }

  /** Says once, on the first request that meets a session rule without a session. */
  reportMissingSession(path: string): void {
    if (!this.missingSessionReported) {
      this.missingSessionReported = true;
      this.logger.warn(BootstrapMessages.noSessionMiddleware(path));
    }
  }

  /** Checks 1 to 3 and the size limit: they hold for every call of the request, whatever its body. */
  private endpointDenial(endpoint: RpcEndpoint, request: RpcInboundRequest): RpcOutcome | null {
    if (endpoint.table.size === 0) {
      return FAILURES.noFunctions;
    }
    return (
      this.accessDenial(endpoint.access, request, endpoint.path) ??
      (request.body.kind === 'too-large' ? FAILURES.tooLarge : null)
    );
  }

  /**
   * A function's stream: events when the caller asked for them and waits for an answer (Server-Sent
   * Events for `Accept: text/event-stream`; messages for a socket's `"stream": true`); otherwise
   * its items in one array.
   */
  private async streamAnswer(
    endpoint: RpcEndpoint,
    request: RpcInboundRequest,
    codec: RpcCodec,
    call: RpcCall,
    source: RpcStreamSource,
  ): Promise<RpcAnswer> {
    const place = endpoint.table.get(call.function)!.place;
    // A JSON-RPC notification (no id) wants no answer: it runs to its end and gets its 204.
    const answered = call.id !== undefined || codec.batch === undefined;
    if (answered && call.stream && request.streamMessages) {
      return { status: 200, body: '', events: new RpcCodecEventStream(source, codec, call.id, this.logger, place, 'message') };
    }
    if (answered && request.accept?.includes(EVENT_STREAM_CONTENT_TYPE)) {
      return { status: 200, body: '', events: new RpcCodecEventStream(source, codec, call.id, this.logger, place) };
    }
    return codec.answer(await collectStream(source, this.logger, place), call.id);
  }

  /** Every call, single or in a batch, passes here: traced and measured when OpenTelemetry is on. */
  private run(endpoint: RpcEndpoint, request: RpcInboundRequest, protocol: string, call: RpcCall): Promise<RpcOutcome> {
    const instrument = this.telemetry.instrument;
    return instrument === null
      ? this.runCall(endpoint, request, protocol, call)
      : instrument.observe(this.runCall, this, endpoint, request, protocol, call);
  }

  /**
   * Checks 10 to 13 for one call. A function's stream comes back as its `RpcStreamSource`, which
   * reads as a success outcome (telemetry counts a stream from its call to its start).
   */
  private async runCall(endpoint: RpcEndpoint, request: RpcInboundRequest, protocol: string, call: RpcCall): Promise<RpcOutcome> {
    const entry = endpoint.table.get(call.function);
    if (!entry) {
      // Looked at only for names the table lacks: with discovery off a call costs nothing more.
      return call.function === RPC_DISCOVER_METHOD && endpoint.discovery ? endpoint.discovery.outcome : FAILURES.invalidFunction;
    }
    const denied = this.accessDenial(entry.access, request, endpoint.path);
    if (denied) {
      return denied;
    }
    const context = new RpcCallContext(entry.name, endpoint.path, call.data, protocol);
    try {
      const result = await entry.invoke(request.request, request.response, context);
      return RpcStreamSource.isStreamable(result) ? RpcStreamSource.of(result) : resultToOutcome(result);
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
    request: RpcInboundRequest,
    codec: RpcCodec,
    { batch }: RpcDecodedBatch,
    denial: RpcOutcome | null,
  ): Promise<RpcAnswer> {
    const encoder = codec.batch!;
    const pending: (RpcOutcome | Promise<RpcOutcome>)[] = new Array(batch.length);
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index];
      pending[index] = denial ?? (item.call ? this.run(endpoint, request, codec.name, item.call) : item.failure);
    }
    // eslint-disable-next-line @typescript-eslint/await-thenable -- mixed on purpose: a failure is an outcome already, no promise is made for it
    const outcomes = await Promise.all(pending);
    for (let index = 0; index < batch.length; index++) {
      const outcome = outcomes[index];
      if (outcome instanceof RpcStreamSource) {
        // A batch has no stream: the items go in one array.
        outcomes[index] = await collectStream(outcome, this.logger, endpoint.table.get(batch[index].call!.function)!.place);
      }
    }
    const elements: string[] = [];
    for (let index = 0; index < batch.length; index++) {
      const itemId = idOf(batch[index]);
      let element: string | undefined;
      try {
        element = encoder.element(outcomes[index], itemId);
      } catch (error) {
        this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
        element = encoder.element(FAILURES.internal, itemId);
      }
      if (element !== undefined) {
        elements.push(element);
      }
    }
    return encoder.join(elements);
  }

  private accessDenial(rules: RpcAccessRules, request: RpcInboundRequest, path: string): RpcOutcome | null {
    if (rules.session.length > 0 && request.session === undefined) {
      this.reportMissingSession(path);
    }
    return checkAccess(rules, request.session, request.host);
  }
}

function idOf(item: RpcDecodedCall | RpcDecodedFailure): RpcCallId | undefined {
  return item.call ? item.call.id : item.id;
}
