import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { ExternalContextCreator, type ApplicationConfig, type ModulesContainer, type NestContainer } from '@nestjs/core';
import { ExternalExceptionFilterContext } from '@nestjs/core/exceptions/external-exception-filter-context.js';
import { GuardsConsumer, GuardsContextCreator, InterceptorsContextCreator, PipesConsumer, PipesContextCreator } from '@nestjs/core/internal';
import { of } from 'rxjs';
import { BootstrapMessages } from '../weerpc.messages.js';
import { RpcStreamSource } from './rpc-stream.source.js';
import { StreamingInterceptorsConsumer } from './streaming-interceptors.consumer.js';

/**
 * Nest's own `ExternalContextCreator` (guards → interceptors → pipes → method, filters on error),
 * assembled as `ExternalContextCreator.fromContainer` assembles it, from Nest's exported pieces
 * (`@nestjs/core/internal`, the entry point Nest's sibling packages use), with one piece of ours:
 * the interceptors consumer that hands streams back instead of their last item.
 *
 * The context creators read the modules through `container.getModules()` only, so the container
 * is the application's `ModulesContainer` seen through that one method (Nest offers no provider of
 * the container itself). test/unit/weerpc-context-creator.spec.ts pins these shapes, and
 * `verifyStreaming` checks the behaviour at bootstrap.
 */
export function createWeeRpcContextCreator(modules: ModulesContainer, config: ApplicationConfig | undefined): ExternalContextCreator {
  const container = { getModules: () => modules } as unknown as NestContainer;
  return new ExternalContextCreator(
    new GuardsContextCreator(container, config),
    new GuardsConsumer(),
    new InterceptorsContextCreator(container, config),
    new StreamingInterceptorsConsumer(),
    modules,
    new PipesContextCreator(container, config),
    new PipesConsumer(),
    new ExternalExceptionFilterContext(container, config),
  );
}

/** An interceptor that passes everything on: the probe's, so that its items cross a real chain. */
const PASS_ON = { intercept: (_context: unknown, next: { handle(): unknown }) => next.handle() };

class StreamProbe {
  twoItems(): unknown {
    return of('first', 'second');
  }
}
Reflect.defineMetadata(INTERCEPTORS_METADATA, [PASS_ON], StreamProbe.prototype.twoItems);

/**
 * Runs a two-item stream through an interceptor on a creator assembled like the application's
 * (without its global enhancers, which must not see a probe) and throws a clear error at bootstrap
 * if both items do not come back in order: what a Nest release that changed these pieces would break.
 */
export async function verifyStreaming(modules: ModulesContainer): Promise<void> {
  const probe = new StreamProbe();
  const invoke = createWeeRpcContextCreator(modules, undefined).create(
    probe,
    probe.twoItems as (...args: unknown[]) => unknown,
    'twoItems',
    ROUTE_ARGS_METADATA,
    undefined,
    undefined,
    undefined,
    { guards: false, interceptors: true, filters: false },
  );
  const items: unknown[] = [];
  try {
    const result = await invoke();
    if (result instanceof RpcStreamSource) {
      for await (const item of result) {
        items.push(item);
      }
    }
  } catch {
    // reported below, as any other shape of failure
  }
  if (items.length !== 2 || items[0] !== 'first' || items[1] !== 'second') {
    throw new Error(BootstrapMessages.streamingUnsupported(JSON.stringify(items)));
  }
}
