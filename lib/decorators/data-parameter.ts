import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';

/**
 * Makes the first parameter of `owner.prototype[methodName]` receive the call's data,
 * as `@RpcData()` would: a method without parameter metadata would get the raw HTTP arguments.
 */
export function markFirstParameterAsData(owner: object, methodName: string | symbol): void {
  Reflect.defineMetadata(
    ROUTE_ARGS_METADATA,
    { [`${RouteParamtypes.BODY}:0`]: { index: 0, data: undefined, pipes: [] } },
    owner,
    methodName,
  );
}

/** Whether any parameter decorator (ours, Nest's or a custom one) marked the method. */
export function hasParameterMetadata(owner: object, methodName: string | symbol): boolean {
  return Reflect.getMetadata(ROUTE_ARGS_METADATA, owner, methodName) !== undefined;
}
