import { Inject, Injectable, Module, Scope, type INestApplication } from '@nestjs/common';
import { ContextIdFactory, REQUEST, type ContextId, type ContextIdResolver, type ContextIdStrategy, type HostComponentInfo } from '@nestjs/core';
import request from 'supertest';
import { RpcFunction, WeeRpcModule } from 'nestjs-weerpc';
import { ADAPTERS, call, createTestApp, success } from '../support/create-app.js';

/** One durable sub-tree per tenant, as in Nest's durable providers recipe. */
class TenantStrategy implements ContextIdStrategy {
  private readonly tenants = new Map<string, ContextId>();
  attach(contextId: ContextId, request: { headers: Record<string, string> }): ContextIdResolver {
    const tenant = request.headers['x-tenant'] ?? 'none';
    let tenantId = this.tenants.get(tenant);
    if (!tenantId) {
      tenantId = ContextIdFactory.create();
      this.tenants.set(tenant, tenantId);
    }
    return {
      resolve: (info: HostComponentInfo) => (info.isTreeDurable ? tenantId! : contextId),
      payload: { tenant },
    };
  }
}

let created = 0;

@Injectable({ scope: Scope.REQUEST, durable: true })
class TenantCounter {
  private calls = 0;
  readonly instance = ++created;
  constructor(@Inject(REQUEST) private readonly payload: { tenant: string }) {}
  bump() {
    return { tenant: this.payload.tenant, calls: ++this.calls, instance: this.instance };
  }
}

@Injectable()
class TenantService {
  constructor(private readonly counter: TenantCounter) {}
  @RpcFunction()
  bump() {
    return this.counter.bump();
  }
}

@Module({ imports: [WeeRpcModule.forRoot()], providers: [TenantCounter, TenantService] })
class DurableAppModule {}

describe.each(ADAPTERS)('durable providers (%s)', adapter => {
  let app: INestApplication;
  beforeAll(async () => {
    ContextIdFactory.apply(new TenantStrategy());
    app = await createTestApp(DurableAppModule, { adapter });
  });
  afterAll(() => app.close());

  it('keeps one instance per tenant across requests, with the strategy payload as REQUEST', async () => {
    const bump = (tenant: string) => request(app.getHttpServer()).post('/rpc').set('X-Tenant', tenant).send(call('bump'));
    const a1 = (await bump('a')).body;
    const a2 = (await bump('a')).body;
    const b1 = (await bump('b')).body;
    expect(a1).toEqual(success({ tenant: 'a', calls: 1, instance: expect.any(Number) }));
    expect(a2).toEqual(success({ tenant: 'a', calls: 2, instance: a1.data.instance }));
    expect(b1).toEqual(success({ tenant: 'b', calls: 1, instance: expect.any(Number) }));
    expect(b1.data.instance).not.toBe(a1.data.instance);
  });
});
