import { Injectable, Logger } from '@nestjs/common';
import { MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper, Module } from '@nestjs/core/internal';
import { combineAccessRules, toAccessRules } from '../auth/rpc-access-rules.js';
import type { RpcAuthSessionKey } from '../auth/rpc-auth-session-key.js';
import { RPC_FUNCTION_METADATA, RPC_HOST_AUTH_METADATA, RPC_SESSION_AUTH_METADATA } from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import type { RpcFunctionDescriptor } from './rpc-function.descriptor.js';

/**
 * Reads `@RpcFunction`, `@SessionAuth` and `@HostAuth` from a module's providers and returns
 * descriptors. It registers nothing; it only warns about what it has to leave out.
 */
@Injectable()
export class WeeRpcExplorer {
  private readonly logger = new Logger('WeeRpc');
  private readonly scanner = new MetadataScanner();

  explore(module: Module): RpcFunctionDescriptor[] {
    const descriptors: RpcFunctionDescriptor[] = [];
    for (const wrapper of module.providers.values()) {
      descriptors.push(...this.exploreProvider(wrapper));
    }
    return descriptors;
  }

  private exploreProvider(wrapper: InstanceWrapper): RpcFunctionDescriptor[] {
    if (wrapper.isAlias) {
      return [];
    }
    if (!wrapper.isDependencyTreeStatic()) {
      this.warnUnsupportedScope(wrapper);
      return [];
    }
    const instance = wrapper.instance as object | undefined;
    if (!instance || typeof instance !== 'object') {
      return [];
    }
    const prototype = Object.getPrototypeOf(instance) as object | null;
    if (!prototype) {
      return [];
    }
    const classRules = readRules(instance.constructor);
    return this.scanner
      .getAllMethodNames(prototype)
      .flatMap(methodName => {
        const method = (prototype as Record<string, unknown>)[methodName] as object;
        const name = Reflect.getMetadata(RPC_FUNCTION_METADATA, method) as string | undefined;
        if (name === undefined) {
          return [];
        }
        return [
          {
            name,
            place: `${instance.constructor.name}#${methodName}`,
            instance,
            methodName,
            access: combineAccessRules(classRules, readRules(method)),
          },
        ];
      });
  }

  private warnUnsupportedScope(wrapper: InstanceWrapper): void {
    const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
    if (!prototype || wrapper.inject) {
      return;
    }
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const method = (prototype as Record<string, object>)[methodName];
      if (Reflect.getMetadata(RPC_FUNCTION_METADATA, method) !== undefined) {
        this.logger.warn(BootstrapMessages.unsupportedScope(`${wrapper.metatype!.name}#${methodName}`));
      }
    }
  }
}

function readRules(target: object) {
  return toAccessRules(
    Reflect.getMetadata(RPC_SESSION_AUTH_METADATA, target) as RpcAuthSessionKey[] | undefined,
    Reflect.getMetadata(RPC_HOST_AUTH_METADATA, target) as string[] | undefined,
  );
}
