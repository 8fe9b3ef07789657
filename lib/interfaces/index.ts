export * from './rpc-body.interface.js';
export * from './rpc-call.interface.js';
export * from './rpc-codec.interface.js';
export * from './rpc-endpoint.interface.js';
export * from './rpc-failure.interface.js';
export * from './rpc-http-request.interface.js';
export * from './rpc-outcome.interface.js';
export * from './weerpc-options.interface.js';
