import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { RpcFunctionOptions } from '../interfaces/rpc-function-options.interface.js';
import { isToolMark } from './mcp-tool-mark.js';
import { McpMessages } from '../weerpc.messages.js';
import { RPC_FUNCTION_DOCS_METADATA, RPC_FUNCTION_METADATA, RPC_STATIC_FUNCTIONS_METADATA } from '../weerpc.constants.js';

/**
 * Exposes a provider method as a remote function. The name defaults to the method's name.
 * A first parameter without a parameter decorator receives the call's `data`. The options form
 * also describes the function in the endpoint's OpenRPC document (docs/openrpc.md).
 *
 * @example @RpcFunction('add_numbers') add(data: number[]) { ... }
 * @example @RpcFunction({ name: 'read', summary: 'One client', result: ClientView }) read(@RpcData() id: ClientIdDto) { ... }
 */
export function RpcFunction(nameOrOptions?: string | RpcFunctionOptions): MethodDecorator {
  const options: RpcFunctionOptions = typeof nameOrOptions === 'string' ? { name: nameOrOptions } : (nameOrOptions ?? {});
  return (target, propertyKey, descriptor) => {
    if (!isToolMark(options.mcp)) {
      const owner = typeof target === 'function' ? target.name : target.constructor.name;
      throw new Error(McpMessages.invalidToolMark(`${owner}#${String(propertyKey)}`));
    }
    if (typeof target === 'function') {
      // A static method has no instance to run on: remembered so that bootstrap can say so.
      const statics = (Reflect.getMetadata(RPC_STATIC_FUNCTIONS_METADATA, target) ?? []) as string[];
      Reflect.defineMetadata(RPC_STATIC_FUNCTIONS_METADATA, [...statics, String(propertyKey)], target);
      return;
    }
    applyDecorators(SetMetadata(RPC_FUNCTION_METADATA, options.name ?? String(propertyKey)), SetMetadata(RPC_FUNCTION_DOCS_METADATA, options))(
      target,
      propertyKey,
      descriptor,
    );
  };
}
