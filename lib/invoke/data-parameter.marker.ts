import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';

type ParamsMetadata = Record<string, { index: number }>;

/**
 * Makes the first parameter of `owner.prototype[methodName]` receive the call's data, as
 * `@RpcData()` would, unless a parameter decorator already claimed it: without metadata the
 * parameter would receive the raw HTTP request.
 */
export function markFirstParameterAsData(owner: object, methodName: string | symbol): void {
  const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, owner, methodName) ?? {}) as ParamsMetadata;
  if (Object.values(params).some(param => param.index === 0)) {
    return;
  }
  Reflect.defineMetadata(
    ROUTE_ARGS_METADATA,
    { ...params, [`${RouteParamtypes.BODY}:0`]: { index: 0, data: undefined, pipes: [] } },
    owner,
    methodName,
  );
}
