import { Injectable, type OnModuleInit } from '@nestjs/common';
import { hasMeterProvider, hasTracerProvider, loadOpenTelemetry, type OpenTelemetryImporter } from './opentelemetry.loader.js';
import { RpcCallInstrument } from './rpc-call.instrument.js';

/**
 * Decides once, at bootstrap, whether calls are traced and measured: only when
 * `@opentelemetry/api` is installed and an SDK registered a tracer or a meter provider before
 * `app.init()`. Otherwise `instrument` stays `null` and a call costs one property read.
 */
@Injectable()
export class WeeRpcTelemetry implements OnModuleInit {
  /** The call instrument, or `null` when there is nothing to report to. */
  instrument: RpcCallInstrument | null = null;

  async onModuleInit(): Promise<void> {
    this.instrument = await createCallInstrument();
  }
}

/** The instrument for the SDK the application registered, or `null` when there is none (or no API). */
export async function createCallInstrument(importer?: OpenTelemetryImporter): Promise<RpcCallInstrument | null> {
  const api = await loadOpenTelemetry(importer);
  if (!api) {
    return null;
  }
  const tracing = hasTracerProvider(api);
  const metering = hasMeterProvider(api);
  return tracing || metering ? new RpcCallInstrument(api, tracing, metering) : null;
}
