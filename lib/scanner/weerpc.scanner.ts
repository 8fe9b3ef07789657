import { Injectable, Logger } from '@nestjs/common';
import { MetadataScanner, ModuleRef } from '@nestjs/core';
import type { InstanceWrapper, Module } from '@nestjs/core/internal';
import type { RpcAccessRules, RpcSessionRule } from '../interfaces/rpc-access-rules.interface.js';
import type { RpcFunctionOptions } from '../interfaces/rpc-function-options.interface.js';
import {
  RPC_FUNCTION_DOCS_METADATA,
  RPC_FUNCTION_METADATA,
  RPC_HOST_AUTH_METADATA,
  RPC_SESSION_AUTH_METADATA,
  RPC_STATIC_FUNCTIONS_METADATA,
  WEERPC_LOGGER_CONTEXT,
} from '../weerpc.constants.js';
import { BootstrapMessages } from '../weerpc.messages.js';
import type { RpcFunctionDescriptor } from './rpc-function.descriptor.js';

/**
 * Reads `@RpcFunction`, `@SessionAuth` and `@HostAuth` from a module's providers and controllers
 * and returns descriptors. It registers nothing; it only warns about what it has to leave out.
 */
@Injectable()
export class WeeRpcScanner {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private readonly scanner = new MetadataScanner();

  scan(module: Module): RpcFunctionDescriptor[] {
    const wrappers = [...module.providers.values(), ...module.controllers.values()];
    return wrappers.flatMap(wrapper => this.scanProvider(wrapper, module));
  }

  private scanProvider(wrapper: InstanceWrapper, module: Module): RpcFunctionDescriptor[] {
    if (wrapper.isAlias) {
      return [];
    }
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      const instance = wrapper.instance as object | undefined;
      return instance && typeof instance === 'object' ? this.describe(Object.getPrototypeOf(instance), { instance }) : [];
    }
    // A scoped provider has no instance yet: only a class provider shows its methods (a scoped
    // factory's class is unknown until it runs, as docs/enhancers-and-validation.md says).
    const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
    if (!prototype || wrapper.inject) {
      return [];
    }
    const moduleRef = module.providers.get(ModuleRef)?.instance as ModuleRef;
    const scoped = { token: wrapper.token, moduleRef, wrapperId: wrapper.id, durable: wrapper.isDependencyTreeDurable() };
    return this.describe(prototype, { scoped });
  }

  private describe(prototype: object | null, host: RpcFunctionDescriptor['host']): RpcFunctionDescriptor[] {
    if (!prototype) {
      return [];
    }
    for (const method of (Reflect.getMetadata(RPC_STATIC_FUNCTIONS_METADATA, prototype.constructor) ?? []) as string[]) {
      this.logger.warn(BootstrapMessages.staticFunction(`${prototype.constructor.name}.${method}`));
    }
    const classRules = readRules(prototype.constructor);
    return this.scanner.getAllMethodNames(prototype).flatMap(methodName => {
      const method = (prototype as Record<string, object>)[methodName];
      const name = Reflect.getMetadata(RPC_FUNCTION_METADATA, method) as string | undefined;
      if (name === undefined) {
        return [];
      }
      return [
        {
          name,
          place: `${prototype.constructor.name}#${methodName}`,
          methodName,
          type: prototype.constructor,
          access: bothRules(classRules, readRules(method)),
          docs: (Reflect.getMetadata(RPC_FUNCTION_DOCS_METADATA, method) ?? {}) as RpcFunctionOptions,
          host,
        },
      ];
    });
  }
}

/** The `@SessionAuth` and `@HostAuth` rules written on a class or a method. */
function readRules(target: object): RpcAccessRules {
  const session = (Reflect.getMetadata(RPC_SESSION_AUTH_METADATA, target) ?? []) as RpcSessionRule[];
  const hosts = Reflect.getMetadata(RPC_HOST_AUTH_METADATA, target) as string[] | undefined;
  return { session, hostLists: hosts ? [hosts] : [] };
}

/** A class's rules and its method's: all must hold. */
function bothRules(classRules: RpcAccessRules, methodRules: RpcAccessRules): RpcAccessRules {
  return {
    session: [...classRules.session, ...methodRules.session],
    hostLists: [...classRules.hostLists, ...methodRules.hostLists],
  };
}
