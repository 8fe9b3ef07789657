export { RpcRequest, weerpc, type WeeRpcRequest } from './rpc-request.js';
export { RpcClientError, WeeRpcClientError } from './rpc-client.error.js';
export type { RpcTransportOptions } from './post-json.js';
export {
  createWeeRpcClient,
  type RpcApi,
  type RpcApiShape,
  type RpcDataOf,
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
