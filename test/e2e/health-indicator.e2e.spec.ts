import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import request from 'supertest';
import { WeeRpcHealthIndicator } from 'nestjs-weerpc/terminus';
import { DrainFunctions, drainProbe } from '../fixtures/drain.fixture.js';
import { createAdapterApp } from '../support/adapters.js';
import { ADAPTERS, call, success } from '../support/create-app.js';
import { rawPost } from '../support/raw-http.js';
import { until } from '../support/until.js';
import { WeeRpcModule } from 'nestjs-weerpc';

@Controller('health')
class HealthController {
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

@Module({ imports: [TerminusModule], controllers: [HealthController], providers: [WeeRpcHealthIndicator] })
class HealthModule {}

@Module({ imports: [WeeRpcModule.forRoot({ shutdown: { drainTimeout: 5000 } }), HealthModule], providers: [DrainFunctions] })
class HealthAppModule {}

describe.each(ADAPTERS)('WeeRpcHealthIndicator (%s)', adapter => {
  it('is up once the endpoints are built, and down while the application drains', async () => {
    drainProbe.reset();
    const app = await createAdapterApp(adapter, HealthAppModule, { session: false });
    const server = app.getHttpServer();
    const up = await request(server).get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'ok', info: { weerpc: { status: 'up', endpoints: ['/rpc'] } } });
    // A call in flight keeps the drain, and the listener, open while readiness is asked.
    const inFlight = rawPost(app, '/rpc', JSON.stringify(call('slow', { ms: 500, id: 'kept' })), { 'content-type': 'application/json' });
    await until(() => drainProbe.started === 1);
    const closing = app.close();
    const down = await request(server).get('/health');
    expect(down.status).toBe(503);
    // Terminus says `shutting_down` on its own too; the indicator's part is `weerpc: down`.
    expect(down.body).toMatchObject({ error: { weerpc: { status: 'down', message: 'Server shutting down.' } } });
    expect((await inFlight).json()).toEqual(success('kept'));
    await closing;
  });
});
