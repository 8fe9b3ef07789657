import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { WeeRpcEndpoints } from '../endpoints/weerpc-endpoints.js';
import { WeeRpcDrain } from '../shutdown/weerpc-drain.js';
import { RpcMessages } from '../weerpc.messages.js';

/**
 * Readiness for `@nestjs/terminus`: `up` once the weeRPC endpoints are built and while the
 * application is not draining, `down` from the first moment of a shutdown, so that a load balancer
 * or Kubernetes stops sending new calls while the calls in flight finish. Provide it beside
 * `TerminusModule` and call `isReady()` in a `@HealthCheck()` route:
 * `return this.health.check([() => this.weeRpc.isReady()]);` (docs/several-instances.md).
 */
@Injectable()
export class WeeRpcHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The indicator's result under `key` (`weerpc`): `up` with the endpoints' paths, or `down` with why. */
  isReady<const Key extends string = 'weerpc'>(key: Key = 'weerpc' as Key): HealthIndicatorResult<Key> {
    const indicator = this.indicators.check(key);
    // Resolved per check, not injected: the module's own providers are not exported to the app's modules.
    const drain = this.moduleRef.get(WeeRpcDrain, { strict: false });
    if (drain.isDraining) {
      return indicator.down({ message: RpcMessages.shuttingDown });
    }
    const endpoints = this.moduleRef.get(WeeRpcEndpoints, { strict: false });
    if (!endpoints.isBuilt) {
      return indicator.down({ message: RpcMessages.notReady });
    }
    return indicator.up({ endpoints: endpoints.all().map(endpoint => endpoint.path) });
  }
}
