import { context, ROOT_CONTEXT, SpanKind, trace, metrics, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  InMemoryMetricExporter,
  AggregationTemporality,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** The real OpenTelemetry SDK, registered globally the way `NodeSDK.start()` does, with in-memory exporters. */
export interface TelemetrySdk {
  readonly spans: InMemorySpanExporter;
  /** Every metric the meter provider holds now (cumulative). */
  collectMetrics(): Promise<MetricData[]>;
  shutdown(): Promise<void>;
}

/** Registers a tracer provider, a meter provider and the async-hooks context manager. */
export function registerTelemetrySdk(): TelemetrySdk {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const reader = new PeriodicExportingMetricReader({
    exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return {
    spans,
    async collectMetrics() {
      const { resourceMetrics } = await reader.collect();
      return resourceMetrics.scopeMetrics.flatMap(scope => scope.metrics);
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      trace.disable();
      metrics.disable();
      context.disable();
    },
  };
}

/** The name of the server span `traceHttpRequests` starts for each request. */
export const HTTP_SPAN_NAME = 'HTTP POST';

/**
 * Starts a SERVER span around each request the server handles and runs the server's own
 * listeners in its context: what `@opentelemetry/instrumentation-http` does to `Server#emit`,
 * on whatever adapter created the server. The span ends when the answer is sent.
 */
export function traceHttpRequests(server: Server, tracer: Tracer = trace.getTracer('test-http')): void {
  const listeners = server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const span = tracer.startSpan(HTTP_SPAN_NAME, { kind: SpanKind.SERVER, attributes: { 'url.path': request.url ?? '' } });
    response.on('finish', () => span.end());
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => {
      for (const listener of listeners) {
        listener.call(server, request, response);
      }
    });
  });
}

/** The finished spans once the HTTP span of the last request ended (it ends as the answer leaves). */
export async function finishedSpans(exporter: InMemorySpanExporter, httpSpans = 1): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 2000;
  while (exporter.getFinishedSpans().filter(span => span.name === HTTP_SPAN_NAME).length < httpSpans && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  return exporter.getFinishedSpans();
}
