import { Injectable } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ExternalContextCreator } from '@nestjs/core';
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

  forMethod(instance: object, methodName: string): RpcInvoker {
    const callback = (instance as Record<string, (...args: unknown[]) => unknown>)[methodName];
    return this.contextCreator.create(
      instance,
      callback,
      methodName,
      ROUTE_ARGS_METADATA,
      this.paramsFactory,
      undefined,
      undefined,
      WITH_ALL_ENHANCERS,
      'http',
    );
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
