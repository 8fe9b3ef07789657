import { Injectable, Logger } from '@nestjs/common';
import { checkAccess } from '../auth/access-rules.js';
import type { RpcAccessRules } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcCall, RpcCallId } from '../interfaces/rpc-call.interface.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import type { RpcAnswer } from '../outcome/rpc-answer.interface.js';
import type { RpcCodec, RpcDecodedBatch, RpcDecodedCall, RpcDecodedFailure } from '../protocol/rpc-codec.interface.js';
import { WeeRpcTelemetry } from '../telemetry/weerpc-telemetry.js';
import { RPC_DISCOVER_METHOD, WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { errorToOutcome, resultToOutcome } from './outcome.mapper.js';
import { RpcCallContext } from '../invoke/rpc-call-context.js';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import { collectStream, RpcCodecEventStream } from './rpc-event.stream.js';
import type { RpcAdmissionInput, RpcBodyInput, RpcCallInput } from './rpc-input.js';
import { RpcStreamSource } from '../invoke/rpc-stream.source.js';
import { isValidEventId } from '../wire/event-id.js';
import { LAST_EVENT_ID_HEADER } from '../wire/wire-names.js';

/**
 * The one door of every surface (HTTP, WebSocket, microservices, the OpenRPC GETs): `execute` runs
 * the checks of docs/protocol.md in their order (endpoint rules, size, depth, decode, lookup,
 * function rules, invoke, map) and the first failing check answers. Surfaces only read and write:
 * they describe the caller, hand over what arrived, and send back what comes out. Never throws.
 */
@Injectable()
export class WeeRpcDispatcher {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private missingSessionReported = false;

  constructor(private readonly telemetry: WeeRpcTelemetry) {}

  /** A body: decoded by the endpoint's protocols, answered in the caller's protocol, encoded. */
  execute(endpoint: RpcEndpoint, caller: RpcCaller, input: RpcBodyInput): Promise<RpcAnswer>;
  /** A call the surface decoded: its outcome, unencoded; a stream comes back as its `RpcStreamSource`. */
  execute(endpoint: RpcEndpoint, caller: RpcCaller, input: RpcCallInput): Promise<RpcOutcome>;
  /** No call: the endpoint's refusal of this caller, or `null` when it is let in. */
  execute(endpoint: RpcEndpoint, caller: RpcCaller, input: RpcAdmissionInput): Promise<RpcOutcome | null>;
  execute(endpoint: RpcEndpoint, caller: RpcCaller, input: RpcBodyInput | RpcCallInput | RpcAdmissionInput): Promise<RpcAnswer | RpcOutcome | null> {
    if ('body' in input) {
      return this.executeBody(endpoint, caller, input);
    }
    if ('call' in input) {
      return this.executeCall(endpoint, caller, input);
    }
    return Promise.resolve(this.endpointDenial(endpoint, caller));
  }

  /** Says once, on the first request that meets a session rule without a session. */
  reportMissingSession(path: string): void {
    if (!this.missingSessionReported) {
      this.missingSessionReported = true;
      this.logger.warn(BootstrapMessages.noSessionMiddleware(path));
    }
  }

  private async executeBody(endpoint: RpcEndpoint, caller: RpcCaller, { body, contentType, refusal, observer }: RpcBodyInput): Promise<RpcAnswer> {
    let codec = endpoint.codec;
    let id: RpcCallId | undefined = null;
    try {
      // Endpoint rules and size hold for every call of the body; the body is still decoded, only to
      // answer in the caller's protocol (and, for JSON-RPC, with the caller's ids). Depth is the codec's.
      const denial = this.endpointDenial(endpoint, caller) ?? (body.kind === 'too-large' ? FAILURES.tooLarge : null);
      const decoding = endpoint.protocols.decode(body, contentType);
      codec = decoding.codec;
      const { decoded } = decoding;
      // Told before anything awaits, so that the surface knows the body's protocol as it places it.
      const observed = observer?.decoded(codec, decoded.call);
      const refused = refusal ?? observed;
      if (decoded.call) {
        id = decoded.call.id;
        const result = denial ?? refused ?? (await this.run(endpoint, caller, codec.name, decoded.call));
        // A plain outcome is encoded here and now: no async step for what is most calls.
        return sentAsStream(caller, decoded.call, result)
          ? await this.answerStream(endpoint, caller, codec, decoded.call, result)
          : codec.answer(result, decoded.call.id);
      }
      if (decoded.batch) {
        return await this.runBatch(endpoint, caller, codec, decoded, denial, refused);
      }
      return codec.answer(denial ?? decoded.failure, decoded.id);
    } catch (error) {
      // Only an outcome that cannot be serialized (a BigInt, a cycle) or a bug gets here.
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return codec.answer(FAILURES.internal, id);
    }
  }

  private async executeCall(endpoint: RpcEndpoint, caller: RpcCaller, { call, protocol }: RpcCallInput): Promise<RpcOutcome> {
    try {
      return (
        this.endpointDenial(endpoint, caller) ??
        callSizeDenial(endpoint, call.data) ??
        (endpoint.protocols.dataExceedsDepth(call.data) ? FAILURES.invalidRequest : null) ??
        (await this.run(endpoint, caller, protocol, call))
      );
    } catch (error) {
      this.logger.error(`Could not answer a call on ${endpoint.path}`, error instanceof Error ? error.stack : String(error));
      return FAILURES.internal;
    }
  }

  /** Check 1 and the endpoint's own rules: they hold for every call of the caller, whatever it sends. */
  private endpointDenial(endpoint: RpcEndpoint, caller: RpcCaller): RpcOutcome | null {
    return endpoint.table.size === 0 ? FAILURES.noFunctions : this.accessDenial(endpoint.access, caller, endpoint.path);
  }

  /**
   * One call's stream, encoded. It goes out as events when the caller takes them (Server-Sent Events;
   * messages for a socket's `"stream": true`, where a plain result is the stream's one item so that
   * the client reads every streamed call one way); otherwise its items in one array.
   */
  private async answerStream(endpoint: RpcEndpoint, caller: RpcCaller, codec: RpcCodec, call: RpcCall, result: RpcOutcome): Promise<RpcAnswer> {
    const asMessages = caller.streams === 'messages' && call.stream === true;
    const source = result instanceof RpcStreamSource ? result : RpcStreamSource.single(result.data);
    const place = endpoint.table.get(call.function)!.place;
    // A JSON-RPC notification (no id) wants no answer: it runs to its end and gets its 204.
    const answered = call.id !== undefined || codec.batch === undefined;
    if (answered && asMessages) {
      return { status: 200, body: '', events: new RpcCodecEventStream(source, codec, call.id, this.logger, place, 'message') };
    }
    if (answered && caller.streams === 'events') {
      return { status: 200, body: '', events: new RpcCodecEventStream(source, codec, call.id, this.logger, place) };
    }
    return codec.answer(await collectStream(source, this.logger, place), call.id);
  }

  /** Every call, single or in a batch, passes here: traced and measured when OpenTelemetry is on. */
  private run(endpoint: RpcEndpoint, caller: RpcCaller, protocol: string, call: RpcCall): Promise<RpcOutcome> {
    const instrument = this.telemetry.instrument;
    return instrument === null
      ? this.runCall(endpoint, caller, protocol, call)
      : instrument.observe(this.runCall, this, endpoint, caller, protocol, call);
  }

  /**
   * Lookup, the function's rules, invoke and map, for one call. A function's stream comes back as
   * its `RpcStreamSource`, which reads as a success outcome (telemetry counts a stream to its start).
   */
  private async runCall(endpoint: RpcEndpoint, caller: RpcCaller, protocol: string, call: RpcCall): Promise<RpcOutcome> {
    const entry = endpoint.table.get(call.function);
    if (!entry) {
      // Looked at only for names the table lacks: with discovery off a call costs nothing more.
      return call.function === RPC_DISCOVER_METHOD && endpoint.discovery ? endpoint.discovery.outcome : FAILURES.invalidFunction;
    }
    const denied = this.accessDenial(entry.access, caller, endpoint.path);
    if (denied) {
      return denied;
    }
    const context = new RpcCallContext(entry.name, endpoint.path, call.data, protocol, call.lastEventId ?? headerLastEventId(caller));
    try {
      const result = await entry.invoke(caller.request, caller.response, context);
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
    caller: RpcCaller,
    codec: RpcCodec,
    { batch }: RpcDecodedBatch,
    denial: RpcOutcome | null,
    refusal: RpcOutcome | undefined,
  ): Promise<RpcAnswer> {
    const encoder = codec.batch!;
    const pending: (RpcOutcome | Promise<RpcOutcome>)[] = new Array(batch.length);
    for (let index = 0; index < batch.length; index++) {
      const item = batch[index];
      pending[index] = denial ?? (item.call ? (refusal ?? this.run(endpoint, caller, codec.name, item.call)) : item.failure);
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

  private accessDenial(rules: RpcAccessRules, caller: RpcCaller, path: string): RpcOutcome | null {
    if (rules.session.length > 0 && caller.session === undefined) {
      this.reportMissingSession(path);
    }
    return checkAccess(rules, caller.session, caller.host);
  }
}

/**
 * The `Last-Event-ID` header of a Server-Sent Events request (what a reconnecting `EventSource`
 * sends); only there: a socket's upgrade headers hold for all its calls, not for one stream. An id
 * that breaks the event-id rule is ignored rather than refused, as `EventSource` ignores such ids.
 */
function headerLastEventId(caller: RpcCaller): string | undefined {
  if (caller.streams !== 'events') {
    return undefined;
  }
  const header = caller.headers[LAST_EVENT_ID_HEADER];
  return isValidEventId(header) ? header : undefined;
}

/** Whether an outcome is answered as a stream: a function's stream, or any success a socket asked to stream. */
function sentAsStream(caller: RpcCaller, call: RpcCall, result: RpcOutcome): boolean {
  return result instanceof RpcStreamSource || (result.ok && caller.streams === 'messages' && call.stream === true);
}

function idOf(item: RpcDecodedCall | RpcDecodedFailure): RpcCallId | undefined {
  return item.call ? item.call.id : item.id;
}

/**
 * `bodyLimit` for a call that arrived decoded: its data, as JSON, may not be larger than a body.
 * Data too deep to serialize is left to the depth check that follows.
 */
function callSizeDenial(endpoint: RpcEndpoint, data: unknown): RpcOutcome | null {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch {
    return null;
  }
  return json !== undefined && Buffer.byteLength(json) > endpoint.bodyLimit ? FAILURES.tooLarge : null;
}
