import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, UseGuards, UseInterceptors, type INestApplication } from '@nestjs/common';
import { answerByHand, type WeeRpcAnswer } from './add-numbers.exchange.js';
import { BenchGuard, BenchInterceptor } from './bench-enhancers.js';
import { createNestApp, type BenchAdapter } from './nest-app.factory.js';

/** What a user would write without nestjs-weerpc: one controller route, the exchange by hand. */
@Controller()
class PlainRpcController {
  @Post('rpc')
  @HttpCode(200)
  rpc(@Body() body: unknown): WeeRpcAnswer {
    return answerByHand(body);
  }
}

/** The same route behind one guard and one interceptor: what Nest's enhancers cost by themselves. */
@Controller()
class GuardedPlainRpcController {
  @Post('rpc')
  @HttpCode(200)
  @UseGuards(BenchGuard)
  @UseInterceptors(BenchInterceptor)
  rpc(@Body() body: unknown): WeeRpcAnswer {
    return answerByHand(body);
  }
}

@Module({ controllers: [PlainRpcController] })
class PlainNestModule {}

@Module({ controllers: [GuardedPlainRpcController] })
class GuardedPlainNestModule {}

/** The plain Nest controller on `adapter`, bare or with one guard and one interceptor. */
export function createPlainNestApp(adapter: BenchAdapter, guarded: boolean): Promise<INestApplication> {
  return createNestApp(guarded ? GuardedPlainNestModule : PlainNestModule, adapter);
}
