export * from './rpc-access-rules.interface.js';
export * from './rpc-body.interface.js';
export * from './rpc-call.interface.js';
export * from './rpc-inbound-request.interface.js';
export * from './weerpc-options.interface.js';
export * from './weerpc-ws-options.interface.js';
