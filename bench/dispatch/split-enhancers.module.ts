import { Injectable, Module, UseGuards, UseInterceptors } from '@nestjs/common';
import { RpcFunction, RpcResponse, WeeRpcModule } from '../../lib/index.js';
import { ADD_NUMBERS } from '../servers/add-numbers.exchange.js';
import { BenchGuard, BenchInterceptor } from '../servers/bench-enhancers.js';
import { addNumbers } from '../servers/weerpc.server.js';

/** `add_numbers` behind the guard alone: what the guard costs by itself. */
@Injectable()
export class GuardOnlyMathService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction(ADD_NUMBERS)
  @UseGuards(BenchGuard)
  add(data: unknown) {
    return addNumbers(this.rpc, data);
  }
}

/** `add_numbers` behind the interceptor alone: what the interceptor costs by itself. */
@Injectable()
export class InterceptorOnlyMathService {
  constructor(private readonly rpc: RpcResponse) {}

  @RpcFunction(ADD_NUMBERS)
  @UseInterceptors(BenchInterceptor)
  add(data: unknown) {
    return addNumbers(this.rpc, data);
  }
}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [GuardOnlyMathService] })
export class GuardOnlyWeeRpcModule {}

@Module({ imports: [WeeRpcModule.forRoot({ path: 'rpc' })], providers: [InterceptorOnlyMathService] })
export class InterceptorOnlyWeeRpcModule {}
