import { Injectable } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ContextIdFactory, ExternalContextCreator, type ContextId } from '@nestjs/core';
import { REQUEST_CONTEXT_ID } from '@nestjs/core/internal';
import type { ScopedProviderRef } from '../discovery/rpc-function.descriptor.js';
import type { RpcInvoker, RpcPlainFunction } from '../interfaces/index.js';
import { markFirstParameterAsData } from '../decorators/data-parameter.js';
import { RpcParamsFactory } from './rpc-params.factory.js';

const WITH_ALL_ENHANCERS = { guards: true, interceptors: true, filters: true };

/**
 * Builds each function's invoker once, with Nest's `ExternalContextCreator`, so guards,
 * interceptors, pipes and filters (method, class and global) run around every call.
 * Must run in `onModuleInit` or later: the creator copies the global enhancers when called.
 */
@Injectable()
export class RpcInvokerFactory {
  private readonly paramsFactory = new RpcParamsFactory();

  constructor(private readonly contextCreator: ExternalContextCreator) {}

  forMethod(instance: object, methodName: string, contextId?: ContextId, wrapperId?: string): RpcInvoker {
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

  /**
   * A request-scoped (or durable, or transient) provider is resolved for each request, and its
   * invoker built then, with that request's enhancers: what Nest's router does for such controllers.
   */
  forScopedMethod(provider: ScopedProviderRef, methodName: string): RpcInvoker {
    return async (request, response, call) => {
      const contextId = this.contextIdOf(request as Record<symbol, unknown>, provider);
      const instance = await provider.moduleRef.resolve(provider.token as never, contextId, { strict: true });
      return this.forMethod(instance as object, methodName, contextId, provider.wrapperId)(request, response, call);
    };
  }

  /** The request's context id, registered once per request as Nest's router does (REQUEST injection). */
  private contextIdOf(request: Record<symbol, unknown>, provider: ScopedProviderRef): ContextId {
    const existing = request[REQUEST_CONTEXT_ID] as ContextId | undefined;
    if (existing) {
      return existing;
    }
    const contextId = ContextIdFactory.getByRequest(request);
    Object.defineProperty(request, REQUEST_CONTEXT_ID, { value: contextId, enumerable: false });
    const payload = (contextId as { payload?: object }).payload;
    provider.moduleRef.registerRequestByContextId(provider.durable ? payload : Object.assign(request, payload), contextId);
    return contextId;
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
}
