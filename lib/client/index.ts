export { RpcRequest, weerpc, type WeeRpcRequest } from './rpc-request.js';
export { RpcClientError, WeeRpcClientError, WeeRpcError } from './rpc-client.error.js';
export type { RpcCallOptions } from './rpc-call.options.js';
export type { RpcRetryOptions, RpcTransportOptions } from './rpc-transport.options.js';
export type { RpcWebSocketConstructor, RpcWebSocketLike, RpcWebSocketOptions } from './rpc-web-socket.options.js';
export {
  createWeeRpcClient,
  type RpcApi,
  type RpcApiShape,
  type RpcDataOf,
  type RpcItemData,
  type RpcItemOf,
  type RpcResultOf,
  type WeeRpcAnswer,
  type WeeRpcClient,
  type WeeRpcClientOptions,
  type WeeRpcClientProtocol,
} from './weerpc-client.js';
export {
  createJsonRpcClient,
  JsonRpcError,
  type JsonRpcBatchCall,
  type JsonRpcClient,
  type JsonRpcClientOptions,
  type JsonRpcParams,
  type JsonRpcSettled,
} from './jsonrpc-client.js';
