export * from './rpc-access-rules.interface.js';
export * from './rpc-body.interface.js';
export * from './rpc-call.interface.js';
export * from './rpc-caller.interface.js';
export * from './weerpc-options.interface.js';
export * from './weerpc-ws-options.interface.js';
export * from './weerpc-mcp-options.interface.js';
