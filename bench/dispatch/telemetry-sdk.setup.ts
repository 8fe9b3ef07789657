import { context, metrics, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/** An exporter that drops what it gets: the bench measures the work in the process, not a collector. */
const DISCARDING_EXPORTER: SpanExporter = {
  export(_spans: ReadableSpan[], done: (result: { code: number }) => void) {
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};

/**
 * Registers the OpenTelemetry SDK as a production setup would (`NodeSDK.start()`): the
 * AsyncLocalStorage context manager, a tracer provider with a batch span processor, and a meter
 * provider with a periodic reader. Must run before the app it measures boots, and after every
 * app that must stay unmeasured booted (the module decides at bootstrap).
 */
export function registerBenchTelemetry(): () => Promise<void> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(DISCARDING_EXPORTER)] });
  const meterProvider = new MeterProvider({
    readers: [new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  return async () => {
    await tracerProvider.shutdown();
    await meterProvider.shutdown();
  };
}
