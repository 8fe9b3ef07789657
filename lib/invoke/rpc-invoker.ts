import type { RpcCallContext } from './rpc-call-context.js';

/** Runs one function through its enhancers; built once at bootstrap. */
export type RpcInvoker = (request: unknown, response: unknown, call: RpcCallContext) => Promise<unknown>;
