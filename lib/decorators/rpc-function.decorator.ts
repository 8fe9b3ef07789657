import { SetMetadata } from '@nestjs/common';
import { RPC_FUNCTION_METADATA, RPC_STATIC_FUNCTIONS_METADATA } from '../weerpc.constants.js';

/**
 * Exposes a provider method as a remote function. The name defaults to the method's name.
 * A first parameter without a parameter decorator receives the call's `data`.
 *
 * @example @RpcFunction('add_numbers') add(data: number[]) { ... }
 */
export function RpcFunction(name?: string): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    if (typeof target === 'function') {
      // A static method has no instance to run on: remembered so that bootstrap can say so.
      const statics = (Reflect.getMetadata(RPC_STATIC_FUNCTIONS_METADATA, target) ?? []) as string[];
      Reflect.defineMetadata(RPC_STATIC_FUNCTIONS_METADATA, [...statics, String(propertyKey)], target);
      return;
    }
    SetMetadata(RPC_FUNCTION_METADATA, name ?? String(propertyKey))(target, propertyKey, descriptor);
  };
}
