export { RpcRequest, weerpc, type WeeRpcRequest } from './rpc-request.js';
export { RpcClientError, WeeRpcClientError, WeeRpcError } from './rpc-client.error.js';
export type { RpcCallOptions, RpcRetryOptions, RpcTransportOptions } from './post-json.js';
export type { RpcWebSocketConstructor, RpcWebSocketLike, RpcWebSocketOptions } from './ws-transport.js';
export {
  createWeeRpcClient,
  type RpcApi,
  type RpcApiShape,
  type RpcDataOf,
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
