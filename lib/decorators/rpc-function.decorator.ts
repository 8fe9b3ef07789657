import { SetMetadata } from '@nestjs/common';
import { RPC_FUNCTION_METADATA } from '../weerpc.constants.js';
import { hasParameterMetadata, markFirstParameterAsData } from './data-parameter.js';

/**
 * Exposes a provider method as a remote function. The name defaults to the method's name.
 * Without a parameter decorator, the method's first parameter receives the call's `data`.
 *
 * @example @RpcFunction('add_numbers') add(data: number[]) { ... }
 */
export function RpcFunction(name?: string): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    // Parameter decorators run before method decorators, so their metadata is already here.
    const method = descriptor.value as unknown;
    if (typeof method === 'function' && method.length > 0 && !hasParameterMetadata(target.constructor, propertyKey)) {
      markFirstParameterAsData(target.constructor, propertyKey);
    }
    SetMetadata(RPC_FUNCTION_METADATA, name ?? String(propertyKey))(target, propertyKey, descriptor);
  };
}
