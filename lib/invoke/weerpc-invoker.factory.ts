import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, ContextIdFactory, ModuleRef, ModulesContainer, type ContextId, type ExternalContextCreator } from '@nestjs/core';
import { REQUEST_CONTEXT_ID } from '@nestjs/core/internal';
import type { RpcFunctionDescriptor, ScopedProviderRef } from '../scanner/rpc-function.descriptor.js';
import type { RpcPlainFunction } from '../interfaces/weerpc-options.interface.js';
import { markFirstParameterAsData } from './data-parameter.marker.js';
import type { RpcInvoker } from './rpc-invoker.js';
import { createWeeRpcContextCreator, verifyStreaming } from './weerpc-context.creator.js';
import { WeeRpcParamsFactory } from './weerpc-params.factory.js';

const WITH_ALL_ENHANCERS = { guards: true, interceptors: true, filters: true };
const CONTEXT_READY = Symbol('weerpc:context-ready');

/**
 * Builds each function's invoker with Nest's `ExternalContextCreator`, so guards, interceptors,
 * pipes and filters (method, class and global) run around every call. Static functions get theirs
 * once; must run in `onModuleInit` or later, as the creator copies the global enhancers when called.
 */
@Injectable()
export class WeeRpcInvokerFactory implements OnModuleInit {
  private readonly paramsFactory = new WeeRpcParamsFactory();
  /** Wrappers of the REQUEST-scoped global enhancers (`APP_GUARD` with `Scope.REQUEST`, ...), read once. */
  private requestScopedGlobals?: { token: unknown }[];
  /** Nest's creator, assembled with an interceptors consumer that hands back streams instead of their last item. */
  private readonly contextCreator: ExternalContextCreator;

  constructor(
    private readonly modules: ModulesContainer,
    private readonly applicationConfig: ApplicationConfig,
    private readonly moduleRef: ModuleRef,
  ) {
    this.contextCreator = createWeeRpcContextCreator(modules, applicationConfig);
  }

  /** Before any invoker is built (the endpoints depend on this factory): can this Nest stream? */
  onModuleInit(): Promise<void> {
    return verifyStreaming(this.modules);
  }

  /** A discovered method; its first undecorated parameter is made to receive the call's data. */
  forFunction({ type, methodName, host }: RpcFunctionDescriptor): RpcInvoker {
    const method = (type.prototype as Record<string, unknown>)[methodName];
    if (typeof method === 'function' && method.length > 0) {
      markFirstParameterAsData(type, methodName);
    }
    return 'instance' in host ? this.forMethod(host.instance, methodName) : this.forScopedMethod(host.scoped, methodName);
  }

  /**
   * A static provider's method. A request-scoped global enhancer (a REQUEST-scoped `APP_GUARD`)
   * only exists per request, so then the invoker is built per request too rather than run without it.
   */
  private forMethod(instance: object, methodName: string): RpcInvoker {
    if (this.globalRequestEnhancers().length === 0) {
      return this.create(instance, methodName);
    }
    return async (request, response, call) => {
      const contextId = await this.contextIdOf(request, this.moduleRef, false);
      return this.create(instance, methodName, contextId)(request, response, call);
    };
  }

  /**
   * A request-scoped (or durable, or transient) provider is resolved for each request, and its
   * invoker built then, with that request's enhancers: what Nest's router does for such controllers.
   */
  private forScopedMethod(provider: ScopedProviderRef, methodName: string): RpcInvoker {
    return async (request, response, call) => {
      const contextId = await this.contextIdOf(request, provider.moduleRef, provider.durable);
      const instance = await provider.moduleRef.resolve(provider.token as never, contextId, { strict: true });
      return this.create(instance as object, methodName, contextId, provider.wrapperId)(request, response, call);
    };
  }

  /**
   * A plain function gets a host class of its own so that global enhancers run around it
   * as around any method, and it receives the call's data as its only argument.
   */
  forPlainFunction(name: string, fn: RpcPlainFunction): RpcInvoker {
    const host = {
      [name]: class {
        call(data: unknown): unknown {
          return fn(data);
        }
      },
    }[name];
    markFirstParameterAsData(host, 'call');
    Reflect.defineMetadata(PARAMTYPES_METADATA, [Object], host.prototype, 'call');
    return this.forMethod(new host(), 'call');
  }

  private create(instance: object, methodName: string, contextId?: ContextId, wrapperId?: string): RpcInvoker {
    const callback = (instance as Record<string, (...args: unknown[]) => unknown>)[methodName];
    return this.contextCreator.create(
      instance,
      callback,
      methodName,
      ROUTE_ARGS_METADATA,
      this.paramsFactory,
      contextId,
      wrapperId,
      WITH_ALL_ENHANCERS,
      'http',
    );
  }

  private globalRequestEnhancers(): { token: unknown }[] {
    const config = this.applicationConfig;
    this.requestScopedGlobals ??= [
      ...config.getGlobalRequestGuards(),
      ...config.getGlobalRequestInterceptors(),
      ...config.getGlobalRequestPipes(),
      ...config.getGlobalRequestFilters(),
    ];
    return this.requestScopedGlobals;
  }

  /**
   * The request's context id, registered once per request as Nest's router does (REQUEST injection).
   * Nest loads request-scoped global enhancers per request only for controllers, so they are
   * resolved here for the context; otherwise they would run as empty shells.
   */
  private contextIdOf(request: unknown, moduleRef: ModuleRef, durable: boolean): Promise<ContextId> {
    // One promise per request, so that concurrent calls of a batch wait for the same preparation.
    const holder = request as Record<symbol, Promise<ContextId> | undefined>;
    return (holder[CONTEXT_READY] ??= this.prepareContext(holder, moduleRef, durable));
  }

  private async prepareContext(holder: Record<symbol, unknown>, moduleRef: ModuleRef, durable: boolean): Promise<ContextId> {
    let contextId = holder[REQUEST_CONTEXT_ID] as ContextId | undefined;
    if (!contextId) {
      contextId = ContextIdFactory.getByRequest(holder);
      Object.defineProperty(holder, REQUEST_CONTEXT_ID, { value: contextId, enumerable: false });
      const payload = (contextId as { payload?: object }).payload;
      moduleRef.registerRequestByContextId(durable ? payload : Object.assign(holder, payload), contextId);
    }
    const enhancers = this.globalRequestEnhancers();
    await Promise.all(enhancers.map(({ token }) => this.moduleRef.resolve(token as never, contextId, { strict: false })));
    return contextId;
  }
}
