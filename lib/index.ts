export { WeeRpcModule } from './weerpc.module.js';
export { RpcFunction } from './decorators/rpc-function.decorator.js';
export { SessionAuth } from './decorators/session-auth.decorator.js';
export { HostAuth } from './decorators/host-auth.decorator.js';
export { RpcData, RpcHttpRequest, RpcRequest, RpcSession } from './decorators/rpc-params.decorator.js';
export { RpcLastEventId } from './decorators/rpc-last-event-id.decorator.js';
export { RpcEventItem, withEventId } from './invoke/rpc-event-item.js';
export { WeeRpcEventsModule } from './events/weerpc-events.module.js';
export { WeeRpcPublisher, type WeeRpcSubscribeOptions } from './events/weerpc.publisher.js';
export type {
  WeeRpcEventRetention,
  WeeRpcEventsModuleAsyncOptions,
  WeeRpcEventsOptions,
  WeeRpcEventsOptionsFactory,
  WeeRpcEventsRedisOptions,
} from './interfaces/weerpc-events-options.interface.js';
export { RpcAuthSessionKey } from './auth/rpc-auth-session-key.js';
export { RpcResponse } from './response/rpc-response.js';
export { RpcResult } from './outcome/rpc-result.js';
export { RpcCallContext, getRpcContext } from './invoke/rpc-call-context.js';
export { EventMessages, JsonRpcMessages, McpMessages, RpcMessages } from './weerpc.messages.js';
export { JsonRpcErrorCode } from './protocol/jsonrpc-errors.js';
export type { RpcFailure, RpcFailureKind, RpcOutcome } from './outcome/rpc-outcome.interface.js';
export type { RpcSessionRule } from './interfaces/rpc-access-rules.interface.js';
export type {
  RpcPlainFunction,
  RpcProtocolName,
  WeeRpcEndpointOptions,
  WeeRpcFeatureOptions,
  WeeRpcModuleAsyncOptions,
  WeeRpcModuleOptions,
  WeeRpcOptionsFactory,
  WeeRpcShutdownOptions,
} from './interfaces/weerpc-options.interface.js';
export { WeeRpcDrain } from './shutdown/weerpc-drain.js';
export { WeeRpcMcp, type WeeRpcMcpStdio, type WeeRpcMcpStdioOptions } from './mcp/weerpc-mcp.js';
export type { RpcMcpToolOptions, WeeRpcMcpOptions } from './interfaces/weerpc-mcp-options.interface.js';
export { getOpenRpcDocuments } from './endpoints/openrpc-documents.js';
export { generateApiTypes } from './openrpc/api-types.generator.js';
export type {
  RpcDiscoveryOptions,
  RpcFunctionExample,
  RpcFunctionOptions,
  RpcJsonSchema,
  RpcSchemaClass,
  RpcSchemaSource,
} from './interfaces/rpc-function-options.interface.js';
export type {
  OpenRpcContentDescriptor,
  OpenRpcDocument,
  OpenRpcError,
  OpenRpcExamplePairing,
  OpenRpcMethod,
} from './openrpc/openrpc-document.interface.js';
