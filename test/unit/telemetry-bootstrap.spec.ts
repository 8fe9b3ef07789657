import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { loadOpenTelemetry } from '../../lib/telemetry/opentelemetry.loader.js';
import { createCallInstrument } from '../../lib/telemetry/weerpc-telemetry.js';

/** Imports a package that is not installed, as `@opentelemetry/api` is not in an application without it. */
const missingPackage = () => import('@opentelemetry/' + 'not-installed-here');

describe('the bootstrap decision whether calls are traced', () => {
  afterEach(() => {
    trace.disable();
    metrics.disable();
  });

  it('goes without tracing, and without an error, when @opentelemetry/api is not installed', async () => {
    await expect(missingPackage()).rejects.toThrow();
    await expect(loadOpenTelemetry(missingPackage)).resolves.toBeNull();
    await expect(createCallInstrument(missingPackage)).resolves.toBeNull();
  });

  it('goes without tracing when the import yields something that is not the API', async () => {
    await expect(loadOpenTelemetry(async () => ({ default: {} }))).resolves.toBeNull();
  });

  it('loads the installed API', async () => {
    const api = await loadOpenTelemetry();
    expect(typeof api?.trace.getTracer).toBe('function');
  });

  it('builds no instrument when the API is installed but no SDK registered a provider (calls cost nothing)', async () => {
    await expect(createCallInstrument()).resolves.toBeNull();
  });

  it('builds the instrument when only a tracer provider is registered', async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    await expect(createCallInstrument()).resolves.not.toBeNull();
  });

  it('builds the instrument when only a meter provider is registered', async () => {
    metrics.setGlobalMeterProvider(new MeterProvider());
    await expect(createCallInstrument()).resolves.not.toBeNull();
  });
});
