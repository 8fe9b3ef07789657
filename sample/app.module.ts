import { Module } from '@nestjs/common';
import { WeeRpcModule } from 'nestjs-weerpc';
import { MathService } from './math/math.service.js';

@Module({
  imports: [WeeRpcModule.forRoot({ path: 'rpc' })],
  providers: [MathService],
})
export class AppModule {}
