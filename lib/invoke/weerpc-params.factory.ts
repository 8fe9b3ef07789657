import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { ParamsFactory } from '@nestjs/core';
import type { RpcCallContext } from './rpc-call-context.js';

type RpcHandlerArgs = [request: any, response: any, call: RpcCallContext];

/**
 * Resolves parameter decorators for RPC functions: `@RpcData()`/`@Body()` give the call's data,
 * `@RpcSession()`/`@Session()`, `@RpcHttpRequest()`/`@Req()`, `@Headers()` and `@Ip()` the HTTP parts.
 */
export class WeeRpcParamsFactory implements ParamsFactory {
  exchangeKeyForValue(type: number, property: unknown, [request, response, call]: RpcHandlerArgs): unknown {
    switch (type) {
      case RouteParamtypes.BODY:
        return typeof property === 'string' ? pickOwn(call.data, property) : call.data;
      case RouteParamtypes.SESSION:
        return request.session;
      case RouteParamtypes.REQUEST:
        return request;
      case RouteParamtypes.RESPONSE:
        return withoutThen(response);
      case RouteParamtypes.HEADERS:
        return typeof property === 'string' ? request.headers[property.toLowerCase()] : request.headers;
      case RouteParamtypes.IP:
        return request.ip;
      default:
        return undefined;
    }
  }
}

/** A property of the data, never one inherited from Object.prototype. */
function pickOwn(data: unknown, property: string): unknown {
  return data !== null && typeof data === 'object' && Object.hasOwn(data, property) ? (data as Record<string, unknown>)[property] : undefined;
}

const THENLESS: ProxyHandler<object> = {
  get: (target, key) => (key === 'then' ? undefined : Reflect.get(target, key, target)),
};

/**
 * Fastify's reply is a thenable that settles only once it has been sent, and Nest awaits every
 * parameter value on its way through the pipes: handed over as is, `@Res()` would wait for an
 * answer that only the function itself can send. The proxy is the same reply without `then`.
 */
function withoutThen(response: object): object {
  return typeof (response as { then?: unknown }).then === 'function' ? new Proxy(response, THENLESS) : response;
}
