import type { Attributes, Counter, Histogram, Span, Tracer } from '@opentelemetry/api';
import type { RpcCall } from '../interfaces/rpc-call.interface.js';
import { failureKindOf } from '../outcome/rpc-failures.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { JSON_RPC_ERRORS, JsonRpcErrorCode } from '../protocol/jsonrpc-errors.js';
import type { OpenTelemetryApi } from './opentelemetry.loader.js';
import { FUNCTION_FAILED, RpcAttribute, RpcMetric, TELEMETRY_SCOPE, UNKNOWN_METHOD } from './telemetry.constants.js';

/** What the instrument needs of an endpoint: its table, to tell a known function from a sent name. */
export interface RpcInstrumentedEndpoint {
  readonly table: ReadonlyMap<string, unknown>;
}

/** One call as the dispatcher runs it; never throws in practice, but the instrument copes if it does. */
export type RpcCallRunner<E extends RpcInstrumentedEndpoint, R> = (endpoint: E, request: R, protocol: string, call: RpcCall) => Promise<RpcOutcome>;

/**
 * Traces and measures each call: a span named for the function, started in the request's active
 * context (so a child of the HTTP server span) and made the active one while the call runs (so
 * the function's own spans are its children); a duration histogram and a call counter. Built once
 * at bootstrap, only when an SDK registered a tracer or a meter provider.
 */
export class RpcCallInstrument {
  private readonly tracer: Tracer | null;
  private readonly duration: Histogram | null;
  private readonly calls: Counter | null;
  private readonly systems = new Map<string, string>();

  constructor(
    private readonly api: OpenTelemetryApi,
    tracing: boolean,
    metering: boolean,
  ) {
    this.tracer = tracing ? api.trace.getTracer(TELEMETRY_SCOPE) : null;
    const meter = metering ? api.metrics.getMeter(TELEMETRY_SCOPE) : null;
    this.duration =
      meter?.createHistogram(RpcMetric.duration, { unit: 'ms', description: 'Duration of each RPC call, checks and enhancers included.' }) ?? null;
    this.calls = meter?.createCounter(RpcMetric.calls, { unit: '{call}', description: 'RPC calls per function and outcome.' }) ?? null;
  }

  /** Runs `run.call(self, endpoint, request, protocol, call)` inside the call's span, then records it. */
  async observe<E extends RpcInstrumentedEndpoint, R>(
    run: RpcCallRunner<E, R>,
    self: unknown,
    endpoint: E,
    request: R,
    protocol: string,
    call: RpcCall,
  ): Promise<RpcOutcome> {
    const started = performance.now();
    const system = this.systemOf(protocol);
    const method = endpoint.table.has(call.function) ? call.function : UNKNOWN_METHOD;
    let span: Span | undefined;
    let outcome: RpcOutcome | undefined;
    try {
      if (this.tracer) {
        const { context, trace, SpanKind } = this.api;
        const parent = context.active();
        span = this.tracer.startSpan(method, { kind: SpanKind.SERVER, attributes: spanAttributes(system, method, call) }, parent);
        outcome = await context.with(trace.setSpan(parent, span), run, self, endpoint, request, protocol, call);
      } else {
        outcome = await run.call(self, endpoint, request, protocol, call);
      }
      return outcome;
    } finally {
      this.record(span, system, method, outcome, performance.now() - started);
    }
  }

  private record(span: Span | undefined, system: string, method: string, outcome: RpcOutcome | undefined, elapsed: number): void {
    const ok = outcome?.ok === true;
    const errorType = ok ? undefined : outcome ? (failureKindOf(outcome) ?? FUNCTION_FAILED) : 'internal';
    if (span) {
      if (!ok) {
        const message = outcome?.message ?? undefined;
        span.setAttribute(RpcAttribute.errorType, errorType!);
        if (system === 'jsonrpc') {
          const kind = outcome && failureKindOf(outcome);
          const error = kind ? JSON_RPC_ERRORS[kind] : undefined;
          span.setAttribute(RpcAttribute.jsonRpcErrorCode, error?.code ?? JsonRpcErrorCode.FunctionFailed);
          span.setAttribute(RpcAttribute.jsonRpcErrorMessage, error?.message ?? message ?? '');
        }
        span.setStatus({ code: this.api.SpanStatusCode.ERROR, message });
      }
      span.end();
    }
    if (this.duration) {
      const attributes: Attributes = {
        [RpcAttribute.system]: system,
        [RpcAttribute.method]: method,
        [RpcAttribute.outcome]: ok ? 'ok' : 'error',
      };
      if (errorType) {
        attributes[RpcAttribute.errorType] = errorType;
      }
      this.duration.record(elapsed, attributes);
      this.calls!.add(1, attributes);
    }
  }

  /** `weerpc/1.1` and `weerpc/1.0` are `weerpc`, `jsonrpc/2.0` is `jsonrpc`; worked out once per protocol. */
  private systemOf(protocol: string): string {
    let system = this.systems.get(protocol);
    if (system === undefined) {
      system = protocol.split('/')[0];
      this.systems.set(protocol, system);
    }
    return system;
  }
}

function spanAttributes(system: string, method: string, call: RpcCall): Attributes {
  const attributes: Attributes = { [RpcAttribute.system]: system, [RpcAttribute.method]: method };
  if (system === 'jsonrpc') {
    attributes[RpcAttribute.jsonRpcVersion] = '2.0';
    // Semantic conventions: the id cast to a string, empty for `null`, left out for a notification.
    if (call.id !== undefined) {
      attributes[RpcAttribute.jsonRpcRequestId] = call.id === null ? '' : String(call.id);
    }
  }
  return attributes;
}
