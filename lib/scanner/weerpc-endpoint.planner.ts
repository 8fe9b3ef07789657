import { Inject, Injectable, Optional } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { Module } from '@nestjs/core/internal';
import type { WeeRpcEndpointOptions, WeeRpcModuleOptions } from '../interfaces/weerpc-options.interface.js';
import { WEERPC_FEATURE_OPTIONS, WEERPC_MODULE_OPTIONS } from '../weerpc.constants.js';
import type { RpcFunctionDescriptor } from './rpc-function.descriptor.js';
import { WeeRpcScanner } from './weerpc.scanner.js';

/** One endpoint to build: its options and the functions found for it. */
export interface RpcEndpointPlan {
  readonly options: WeeRpcEndpointOptions;
  readonly functions: readonly RpcFunctionDescriptor[];
}

/**
 * Decides which functions each endpoint serves: the root endpoint those of modules that import
 * no `forFeature`, each `forFeature` those of the modules that import it. A provider instance met
 * through several modules (a re-exported module) counts once. Reads only; builds nothing.
 */
@Injectable()
export class WeeRpcEndpointPlanner {
  constructor(
    private readonly modulesContainer: ModulesContainer,
    private readonly scanner: WeeRpcScanner,
    @Optional() @Inject(WEERPC_MODULE_OPTIONS) private readonly rootOptions: WeeRpcModuleOptions = {},
  ) {}

  plan(): RpcEndpointPlan[] {
    const seen = new Map<unknown, Set<string>>();
    return this.modulesByEndpoint().map(({ options, modules }) => ({
      options,
      functions: modules.flatMap(module => this.scanner.scan(module)).filter(descriptor => firstSighting(descriptor, seen)),
    }));
  }

  private modulesByEndpoint(): { options: WeeRpcEndpointOptions; modules: Module[] }[] {
    const root = { options: this.rootOptions, modules: [] as Module[] };
    const features = new Map<Module, { options: WeeRpcEndpointOptions; modules: Module[] }>();
    const modules = [...this.modulesContainer.values()];
    for (const module of modules) {
      const options = module.providers.get(WEERPC_FEATURE_OPTIONS)?.instance as WeeRpcEndpointOptions | undefined;
      if (options) {
        features.set(module, { options, modules: [] });
      }
    }
    for (const module of modules) {
      const imported = [...module.imports].filter(candidate => features.has(candidate));
      if (imported.length === 0) {
        root.modules.push(module);
      }
      for (const feature of imported) {
        features.get(feature)!.modules.push(module);
      }
    }
    return [root, ...features.values()];
  }
}

/** Whether this is the first time the descriptor's instance and method are met. */
function firstSighting(descriptor: RpcFunctionDescriptor, seen: Map<unknown, Set<string>>): boolean {
  const owner = 'instance' in descriptor.host ? descriptor.host.instance : descriptor.host.scoped.wrapperId;
  const methods = seen.get(owner) ?? new Set<string>();
  if (methods.has(descriptor.methodName)) {
    return false;
  }
  seen.set(owner, methods.add(descriptor.methodName));
  return true;
}
