export * from './rpc-outcome.interface.js';
export * from './rpc-failures.js';
export * from './rpc-result.js';
export * from './rpc-event-stream.interface.js';
