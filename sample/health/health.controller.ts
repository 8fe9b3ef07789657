import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { WeeRpcHealthIndicator } from 'nestjs-weerpc/terminus';

/**
 * `GET /health`: 200 while the instance takes calls, 503 from the first moment of a shutdown (the
 * drain), so that nginx or Kubernetes send the next calls to another instance.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly weeRpc: WeeRpcHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.weeRpc.isReady()]);
  }
}
