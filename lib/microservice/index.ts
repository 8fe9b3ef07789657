/**
 * `nestjs-weerpc/microservices`: the endpoints' functions over Nest's microservice transports.
 * A subpath of its own, so that `@nestjs/microservices` stays an optional peer dependency.
 */
export { WeeRpcTransport, withWeeRpc, type WeeRpcApplication, type WeeRpcTransportServer } from './weerpc.transport.js';
export type { WeeRpcTransportOptions } from './weerpc-transport-options.interface.js';
export type { WeeRpcTransportError } from './weerpc-message.handler.js';
export type { RpcMicroserviceRequest } from './microservice-request.js';
