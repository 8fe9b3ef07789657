import { TELEMETRY_SCOPE } from './telemetry.constants.js';

/** The `@opentelemetry/api` module, when the application has it installed. */
export type OpenTelemetryApi = typeof import('@opentelemetry/api');

/** How the module imports the API; a parameter so a spec can play an application without it. */
export type OpenTelemetryImporter = () => Promise<unknown>;

const importApi: OpenTelemetryImporter = () => import('@opentelemetry/api');

/**
 * `@opentelemetry/api` is an optional peer dependency: imported once, at bootstrap, and
 * `null` when the application does not have it (no tracing, no crash).
 */
export async function loadOpenTelemetry(importer: OpenTelemetryImporter = importApi): Promise<OpenTelemetryApi | null> {
  try {
    const loaded = (await importer()) as Partial<OpenTelemetryApi> & { default?: OpenTelemetryApi };
    // A CommonJS build imported from ESM may hold its exports on `default` only.
    const api = loaded.trace && loaded.metrics && loaded.context ? loaded : loaded.default;
    return api?.trace && api.metrics && api.context ? (api as OpenTelemetryApi) : null;
  } catch {
    return null;
  }
}

/**
 * Whether an SDK registered a tracer provider. The API's global is a proxy whose delegate stays
 * the API's own no-op provider until `trace.setGlobalTracerProvider` (or `NodeSDK.start()`) runs.
 */
export function hasTracerProvider(api: OpenTelemetryApi): boolean {
  const provider = api.trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider;
  return delegate !== new api.ProxyTracerProvider().getDelegate();
}

/** Whether an SDK registered a meter provider: without one every meter is the API's no-op meter. */
export function hasMeterProvider(api: OpenTelemetryApi): boolean {
  // The module's own scope: the SDK hands the same meter back when the instruments are made.
  const meter = api.metrics.getMeterProvider().getMeter(TELEMETRY_SCOPE) as object;
  return meter.constructor !== (api.createNoopMeter() as object).constructor;
}
