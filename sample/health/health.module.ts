import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WeeRpcHealthIndicator } from 'nestjs-weerpc/terminus';
import { HealthController } from './health.controller.js';

/** Readiness at `GET /health` (`@nestjs/terminus` with the weeRPC indicator). */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [WeeRpcHealthIndicator],
})
export class HealthModule {}
