export { WeeRpcModule } from './weerpc.module.js';
export { RpcFunction } from './decorators/rpc-function.decorator.js';
export { SessionAuth } from './decorators/session-auth.decorator.js';
export { HostAuth } from './decorators/host-auth.decorator.js';
export { RpcData, RpcRequest, RpcSession } from './decorators/rpc-params.decorator.js';
export { RpcAuthSessionKey } from './auth/rpc-auth-session-key.js';
export { RpcResponse } from './response/rpc-response.js';
export { RpcResult } from './response/rpc-result.js';
export { RpcCallContext, getRpcContext } from './dispatch/rpc-call-context.js';
export { JsonRpcMessages, RpcMessages } from './weerpc.messages.js';
export { JsonRpcErrorCode } from './protocol/jsonrpc-errors.js';
export type { RpcOutcome } from './interfaces/rpc-outcome.interface.js';
export type {
  RpcPlainFunction,
  RpcProtocolName,
  WeeRpcEndpointOptions,
  WeeRpcFeatureOptions,
  WeeRpcModuleAsyncOptions,
  WeeRpcModuleOptions,
  WeeRpcOptionsFactory,
} from './interfaces/weerpc-options.interface.js';
