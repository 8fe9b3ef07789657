import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, type INestApplication } from '@nestjs/common';
import { answerByHand, type WeeRpcAnswer } from './add-numbers.exchange.js';
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

@Module({ controllers: [PlainRpcController] })
class PlainNestModule {}

/** The plain Nest controller on the given adapter. */
export function createPlainNestApp(adapter: BenchAdapter): Promise<INestApplication> {
  return createNestApp(PlainNestModule, adapter);
}
