import { SetMetadata } from '@nestjs/common';
import { RPC_FUNCTION_METADATA } from '../weerpc.constants.js';
import { markFirstParameterAsData } from './data-parameter.js';

/**
 * Exposes a provider method as a remote function. The name defaults to the method's name.
 * A first parameter without a parameter decorator receives the call's `data`.
 *
 * @example @RpcFunction('add_numbers') add(data: number[]) { ... }
 */
export function RpcFunction(name?: string): MethodDecorator {
  return (target, propertyKey, descriptor) => {
    // Parameter decorators run before method decorators, so their metadata is already here.
    const method = descriptor.value as unknown;
    if (typeof method === 'function' && method.length > 0) {
      markFirstParameterAsData(target.constructor, propertyKey);
    }
    SetMetadata(RPC_FUNCTION_METADATA, name ?? String(propertyKey))(target, propertyKey, descriptor);
  };
}
