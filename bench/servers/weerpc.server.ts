import 'reflect-metadata';
import { applyDecorators, Injectable, Module, type INestApplication, type Type } from '@nestjs/common';
import { RpcFunction, RpcResponse, WeeRpcModule } from '../../lib/index.js';
import { ADD_NUMBERS, ADD_NUMBERS_MESSAGE, sumOf } from './add-numbers.exchange.js';
import { WITH_GUARD, WITH_INTERCEPTOR } from './bench-enhancers.js';
import { createNestApp, type BenchAdapter } from './nest-app.factory.js';

/** A service whose `add_numbers` is written as a nestjs-weerpc user writes it, with `enhancers` on the method. */
export function mathServiceWith(...enhancers: MethodDecorator[]): Type<{ add(data: unknown): unknown }> {
  @Injectable()
  class MathService {
    constructor(private readonly rpc: RpcResponse) {}

    @RpcFunction(ADD_NUMBERS)
    @applyDecorators(...enhancers)
    add(data: unknown) {
      const sum = sumOf(data);
      return sum === null ? this.rpc.fail('Data must be a list of numbers.') : this.rpc.success(sum, ADD_NUMBERS_MESSAGE);
    }
  }
  return MathService;
}

/** An app module serving `service` on the root endpoint `/rpc`. */
export function weeRpcModuleFor(service: Type): Type {
  @Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [service] })
  class WeeRpcBenchModule {}
  return WeeRpcBenchModule;
}

/** The function with nothing around it. */
export const BareMathService = mathServiceWith();
export const BareWeeRpcModule = weeRpcModuleFor(BareMathService);
/** The function behind one guard and one interceptor. */
export const GuardedWeeRpcModule = weeRpcModuleFor(mathServiceWith(WITH_GUARD, WITH_INTERCEPTOR));

/** nestjs-weerpc serving `add_numbers` on `adapter`, bare or with one guard and one interceptor. */
export function createWeeRpcApp(adapter: BenchAdapter, guarded: boolean): Promise<INestApplication> {
  return createNestApp(guarded ? GuardedWeeRpcModule : BareWeeRpcModule, adapter);
}
