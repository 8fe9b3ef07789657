import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import type { Module } from '@nestjs/core/internal';
import { NO_ACCESS_RULES, toAccessRules } from '../auth/rpc-access-rules.js';
import { WeeRpcExplorer } from '../discovery/weerpc.explorer.js';
import { WeeRpcRegistry } from '../discovery/weerpc.registry.js';
import type { RpcEndpoint } from '../interfaces/rpc-endpoint.interface.js';
import type { WeeRpcEndpointOptions, WeeRpcModuleOptions } from '../interfaces/weerpc-options.interface.js';
import { createProtocolSet } from '../protocol/rpc-protocol-set.js';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_ENDPOINT_PATH,
  WEERPC_FEATURE_OPTIONS,
  WEERPC_MODULE_OPTIONS,
} from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import { validateEndpointOptions } from './endpoint-options.validator.js';
import { RpcInvokerFactory } from './rpc-invoker.factory.js';

interface EndpointPlan {
  readonly options: WeeRpcEndpointOptions;
  readonly modules: Module[];
}

/**
 * Builds every endpoint once, at bootstrap: the root endpoint serves the functions of modules
 * that import no `forFeature`; each `forFeature` serves the modules that import it.
 */
@Injectable()
export class WeeRpcEndpointsBuilder {
  constructor(
    private readonly modulesContainer: ModulesContainer,
    private readonly applicationConfig: ApplicationConfig,
    private readonly explorer: WeeRpcExplorer,
    private readonly invokerFactory: RpcInvokerFactory,
    @Optional() @Inject(WEERPC_MODULE_OPTIONS) private readonly rootOptions: WeeRpcModuleOptions = {},
  ) {}

  build(): RpcEndpoint[] {
    const plans = this.planEndpoints();
    const seen = new Map<unknown, Set<string>>();
    const endpoints = plans.map(plan => this.buildEndpoint(plan, seen));
    const paths = new Set<string>();
    for (const { path } of endpoints) {
      if (paths.has(path.toLowerCase())) {
        throw new Error(BootstrapMessages.duplicateEndpoint(path));
      }
      paths.add(path.toLowerCase());
    }
    return endpoints;
  }

  private planEndpoints(): EndpointPlan[] {
    const root: EndpointPlan = { options: this.rootOptions, modules: [] };
    const features = new Map<Module, EndpointPlan>();
    const modules = [...this.modulesContainer.values()];
    for (const module of modules) {
      const options = module.providers.get(WEERPC_FEATURE_OPTIONS)?.instance as WeeRpcEndpointOptions | undefined;
      if (options) {
        features.set(module, { options, modules: [] });
      }
    }
    for (const module of modules) {
      const imported = [...module.imports].filter(imported => features.has(imported));
      if (imported.length === 0) {
        root.modules.push(module);
      }
      for (const feature of imported) {
        features.get(feature)!.modules.push(module);
      }
    }
    return [root, ...features.values()];
  }

  private buildEndpoint({ options, modules }: EndpointPlan, seen: Map<unknown, Set<string>>): RpcEndpoint {
    validateEndpointOptions(options);
    const path = this.fullPath(options.path ?? DEFAULT_ENDPOINT_PATH);
    const registry = new WeeRpcRegistry(path);
    for (const module of modules) {
      for (const descriptor of this.explorer.explore(module)) {
        // One instance met through several modules counts once.
        const owner = 'instance' in descriptor.host ? descriptor.host.instance : descriptor.host.scoped.wrapperId;
        const methods = seen.get(owner) ?? new Set<string>();
        if (methods.has(descriptor.methodName)) {
          continue;
        }
        seen.set(owner, methods.add(descriptor.methodName));
        registry.add({
          name: descriptor.name,
          place: descriptor.place,
          access: descriptor.access,
          invoke:
            'instance' in descriptor.host
              ? this.invokerFactory.forMethod(descriptor.host.instance, descriptor.methodName)
              : this.invokerFactory.forScopedMethod(descriptor.host.scoped, descriptor.methodName),
        });
      }
    }
    for (const [name, fn] of Object.entries(options.functions ?? {})) {
      if (typeof fn !== 'function') {
        throw new Error(BootstrapMessages.invalidPlainFunction(name));
      }
      registry.add({
        name,
        place: `functions.${name}`,
        access: NO_ACCESS_RULES,
        invoke: this.invokerFactory.forPlainFunction(name, fn),
      });
    }
    const protocols = createProtocolSet(options);
    return {
      path,
      access: toAccessRules(options.sessionAuth, options.hostAuth),
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      bodyTimeout: options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT,
      codec: protocols.first,
      protocols,
      table: registry.functions,
    };
  }

  /** The route as the router sees it: global prefix, then the endpoint's path. */
  private fullPath(path: string): string {
    const parts = [this.applicationConfig.getGlobalPrefix(), path]
      .map(part => part.replace(/^\/+|\/+$/g, ''))
      .filter(part => part.length > 0);
    return `/${parts.join('/')}`;
  }
}
