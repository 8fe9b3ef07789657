import 'reflect-metadata';
import { Injectable, Module, UseGuards, UseInterceptors, type INestApplication } from '@nestjs/common';
import { RpcFunction, RpcResponse, WeeRpcModule } from '../../lib/index.js';
import { ADD_NUMBERS, ADD_NUMBERS_MESSAGE, sumOf } from './add-numbers.exchange.js';
import { BenchGuard, BenchInterceptor } from './bench-enhancers.js';
import { createNestApp, type BenchAdapter } from './nest-app.factory.js';

/** `add_numbers` as a nestjs-weerpc user writes it, in every bench service. */
export function addNumbers(rpc: RpcResponse, data: unknown) {
  const sum = sumOf(data);
  return sum === null ? rpc.fail('Data must be a list of numbers.') : rpc.success(sum, ADD_NUMBERS_MESSAGE);
}

/** The function with nothing around it. */
@Injectable()
export class BareMathService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction(ADD_NUMBERS)
  add(data: unknown) {
    return addNumbers(this.rpc, data);
  }
}

/** The same function behind one guard and one interceptor. */
@Injectable()
export class GuardedMathService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction(ADD_NUMBERS)
  @UseGuards(BenchGuard)
  @UseInterceptors(BenchInterceptor)
  add(data: unknown) {
    return addNumbers(this.rpc, data);
  }
}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [BareMathService] })
export class BareWeeRpcModule {}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [GuardedMathService] })
export class GuardedWeeRpcModule {}

/** nestjs-weerpc serving `add_numbers` on `adapter`, bare or with one guard and one interceptor. */
export function createWeeRpcApp(adapter: BenchAdapter, guarded: boolean): Promise<INestApplication> {
  return createNestApp(guarded ? GuardedWeeRpcModule : BareWeeRpcModule, adapter);
}
