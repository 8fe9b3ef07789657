import { Body, Req, Session, type PipeTransform, type Type } from '@nestjs/common';

/**
 * The call's `data` (or one property of it), with optional pipes.
 * Nest's own `@Body()` is the same thing in an RPC function.
 *
 * @example @RpcFunction() create(@RpcData() dto: CreateClientDto) { ... }
 */
export function RpcData(...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator;
export function RpcData(property: string, ...pipes: (Type<PipeTransform> | PipeTransform)[]): ParameterDecorator;
export function RpcData(
  propertyOrPipe?: string | Type<PipeTransform> | PipeTransform,
  ...pipes: (Type<PipeTransform> | PipeTransform)[]
): ParameterDecorator {
  return typeof propertyOrPipe === 'string'
    ? Body(propertyOrPipe, ...pipes)
    : Body(...(propertyOrPipe === undefined ? pipes : [propertyOrPipe, ...pipes]));
}

/** The live, writable session of the request (express-session's `req.session`). */
export const RpcSession = (): ParameterDecorator => Session();

/**
 * The underlying HTTP request (Express or Fastify), as Nest's `@Req()`.
 *
 * @example @RpcFunction() whoAmI(@RpcHttpRequest() request: Request) { return request.ip; }
 */
export const RpcHttpRequest = (): ParameterDecorator => Req();

/**
 * @deprecated Renamed `RpcHttpRequest`: `RpcRequest` is also the client's request builder
 * (`nestjs-weerpc/client`). This alias goes in the next major version.
 */
export const RpcRequest = RpcHttpRequest;
