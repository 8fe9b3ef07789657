import 'reflect-metadata';
import { applyDecorators, Body, Controller, HttpCode, Module, Post, type INestApplication, type Type } from '@nestjs/common';
import { answerByHand, type WeeRpcAnswer } from './add-numbers.exchange.js';
import { createNestApp, type BenchAdapter } from './nest-app.factory.js';
import { WITH_GUARD, WITH_INTERCEPTOR } from './bench-enhancers.js';

/** What a user would write without nestjs-weerpc: one controller route, the exchange by hand, with `enhancers` on it. */
function plainModuleWith(...enhancers: MethodDecorator[]): Type {
  @Controller()
  class PlainRpcController {
    @Post('rpc')
    @HttpCode(200)
    @applyDecorators(...enhancers)
    rpc(@Body() body: unknown): WeeRpcAnswer {
      return answerByHand(body);
    }
  }

  @Module({ controllers: [PlainRpcController] })
  class PlainNestModule {}
  return PlainNestModule;
}

const PlainNestModule = plainModuleWith();
/** The same route behind one guard and one interceptor: what Nest's enhancers cost by themselves. */
const GuardedPlainNestModule = plainModuleWith(WITH_GUARD, WITH_INTERCEPTOR);

/** The plain Nest controller on `adapter`, bare or with one guard and one interceptor. */
export function createPlainNestApp(adapter: BenchAdapter, guarded: boolean): Promise<INestApplication> {
  return createNestApp(guarded ? GuardedPlainNestModule : PlainNestModule, adapter);
}
