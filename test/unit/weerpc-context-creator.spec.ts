import { CallHandler, ExecutionContext, ForbiddenException, type CanActivate, type NestInterceptor } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ExternalContextCreator, ModulesContainer, type NestContainer } from '@nestjs/core';
import { ExternalExceptionFilterContext } from '@nestjs/core/exceptions/external-exception-filter-context.js';
import * as NestInternal from '@nestjs/core/internal';
import { map, of, type Observable } from 'rxjs';
import { RpcStreamSource } from '../../lib/invoke/rpc-stream.source.js';
import { createWeeRpcContextCreator, verifyStreaming } from '../../lib/invoke/weerpc-context.creator.js';

/**
 * The invokers are Nest's ExternalContextCreator assembled from exported pieces. These specs pin
 * the shapes that assembly relies on, so that a Nest release that changes one fails here, with the
 * piece named, rather than in production.
 */
describe('the pieces the invoker creator is assembled from (@nestjs/core)', () => {
  it.each(['GuardsContextCreator', 'GuardsConsumer', 'InterceptorsContextCreator', 'InterceptorsConsumer', 'PipesContextCreator', 'PipesConsumer'])(
    '@nestjs/core/internal still exports %s as a class',
    name => {
      const piece = (NestInternal as Record<string, unknown>)[name];
      expect({ name, kind: typeof piece }).toEqual({ name, kind: 'function' });
    },
  );

  it("ExternalContextCreator's public constructor still takes the eight pieces fromContainer passes", () => {
    expect({ parameters: ExternalContextCreator.length }).toEqual({ parameters: 8 });
    expect(typeof ExternalExceptionFilterContext).toBe('function');
  });

  it('the context creators read the container through getModules() only', () => {
    const modules = new ModulesContainer();
    const touched: string[] = [];
    const container = new Proxy(
      { getModules: () => modules },
      {
        get: (target, key) => {
          touched.push(String(key));
          return Reflect.get(target, key);
        },
      },
    ) as unknown as NestContainer;
    const creators = [
      new NestInternal.GuardsContextCreator(container, undefined),
      new NestInternal.InterceptorsContextCreator(container, undefined),
      new NestInternal.PipesContextCreator(container, undefined),
    ];
    class Host {
      method(): void {}
    }
    // Enhancers given as classes are looked up in the modules: the path that reads the container.
    class Enhancer {}
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      Reflect.defineMetadata(key, [Enhancer], Host.prototype.method);
    }
    for (const creator of creators) {
      creator.create(new Host(), Host.prototype.method, 'unknown-module');
    }
    expect(touched).toContain('getModules');
    expect(touched.filter(key => key !== 'getModules')).toEqual([]);
  });
});

class Doubling implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map(item => (typeof item === 'number' ? item * 10 : item)));
  }
}

class Refusing implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

class Functions {
  observable(): Observable<number> {
    return of(1, 2);
  }
  async *generator(): AsyncGenerator<number> {
    yield 1;
    yield 2;
  }
  plain(): number {
    return 4;
  }
  guarded(): number {
    return 5;
  }
}
for (const name of ['observable', 'generator', 'plain'] as const) {
  Reflect.defineMetadata(INTERCEPTORS_METADATA, [new Doubling()], Functions.prototype[name]);
}
Reflect.defineMetadata(GUARDS_METADATA, [new Refusing()], Functions.prototype.guarded);

function invokerOf(name: keyof Functions, creator = createWeeRpcContextCreator(new ModulesContainer(), undefined)) {
  const host = new Functions();
  return creator.create(host, host[name] as (...args: unknown[]) => unknown, name, ROUTE_ARGS_METADATA, undefined, undefined, undefined, {
    guards: true,
    interceptors: true,
    filters: false,
  });
}

async function itemsOf(result: unknown): Promise<unknown[]> {
  expect(result).toBeInstanceOf(RpcStreamSource);
  const items: unknown[] = [];
  for await (const item of result as RpcStreamSource) {
    items.push(item);
  }
  return items;
}

describe('invokers of the assembled creator', () => {
  it('an interceptor sees an Observable item by item, and the stream comes back whole', async () => {
    expect(await itemsOf(await invokerOf('observable')())).toEqual([10, 20]);
  });

  it('an interceptor sees an async generator item by item', async () => {
    expect(await itemsOf(await invokerOf('generator')())).toEqual([10, 20]);
  });

  it('a plain value through an interceptor is the value, as Nest gives it', async () => {
    expect(await invokerOf('plain')()).toBe(40);
  });

  it('a guard still refuses before the function runs', async () => {
    await expect(invokerOf('guarded')()).rejects.toBeInstanceOf(ForbiddenException);
  });

  it("Nest's own consumer would cut the stream to its last item: what the bootstrap check detects", async () => {
    const nestsOwn = ExternalContextCreator.fromContainer({
      getModules: () => new ModulesContainer(),
      applicationConfig: undefined,
    } as unknown as NestContainer);
    expect(await invokerOf('observable', nestsOwn)()).toBe(20);
  });

  it('the bootstrap check passes with this Nest', async () => {
    await expect(verifyStreaming(new ModulesContainer())).resolves.toBeUndefined();
  });
});
