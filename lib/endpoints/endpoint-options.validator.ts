import type { WeeRpcEndpointOptions } from '../interfaces/weerpc-options.interface.js';
import type { WeeRpcWsOptions } from '../interfaces/weerpc-ws-options.interface.js';
import type { WeeRpcMcpOptions } from '../interfaces/weerpc-mcp-options.interface.js';
import { BootstrapMessages } from '../weerpc.messages.js';

/** Refuses options that would make an endpoint misbehave later, with the option's name in the message. */
export function validateEndpointOptions(options: WeeRpcEndpointOptions): void {
  const { path, bodyLimit, bodyTimeout, hostAuth, sessionAuth, functions, streamKeepAlive } = options;
  if (path !== undefined && typeof path !== 'string') {
    throw new Error(BootstrapMessages.invalidOption('path', 'a string such as "rpc"'));
  }
  if (bodyLimit !== undefined && !(Number.isSafeInteger(bodyLimit) && bodyLimit > 0)) {
    throw new Error(BootstrapMessages.invalidOption('bodyLimit', 'a positive whole number of bytes'));
  }
  if (bodyTimeout !== undefined && !(Number.isSafeInteger(bodyTimeout) && bodyTimeout >= 0)) {
    throw new Error(BootstrapMessages.invalidOption('bodyTimeout', 'a whole number of milliseconds, 0 or more'));
  }
  if (streamKeepAlive !== undefined && !(Number.isSafeInteger(streamKeepAlive) && streamKeepAlive >= 0)) {
    throw new Error(BootstrapMessages.invalidOption('streamKeepAlive', 'a whole number of milliseconds, 0 or more'));
  }
  if (hostAuth !== undefined && !(Array.isArray(hostAuth) && hostAuth.every(host => typeof host === 'string'))) {
    throw new Error(BootstrapMessages.invalidOption('hostAuth', 'an array of "host[:port]" strings'));
  }
  const rules = sessionAuth === undefined ? [] : Array.isArray(sessionAuth) ? sessionAuth : [sessionAuth];
  if (!rules.every(rule => typeof (rule as { check?: unknown } | null)?.check === 'function')) {
    throw new Error(BootstrapMessages.invalidOption('sessionAuth', 'an RpcAuthSessionKey or an array of them'));
  }
  validateWsOptions(options.ws);
  validateMcpOptions(options.mcp);
  if (functions !== undefined && (functions === null || typeof functions !== 'object')) {
    throw new Error(BootstrapMessages.invalidOption('functions', 'an object of named functions'));
  }
}

function validateWsOptions(ws: boolean | WeeRpcWsOptions | undefined): void {
  if (ws === undefined || typeof ws === 'boolean') {
    return;
  }
  if (ws === null || typeof ws !== 'object') {
    throw new Error(BootstrapMessages.invalidOption('ws', 'true or an object of WebSocket options'));
  }
  if (ws.path !== undefined && typeof ws.path !== 'string') {
    throw new Error(BootstrapMessages.invalidOption('ws.path', 'a string such as "rpc"'));
  }
  if (ws.maxInFlight !== undefined && !(Number.isSafeInteger(ws.maxInFlight) && ws.maxInFlight > 0)) {
    throw new Error(BootstrapMessages.invalidOption('ws.maxInFlight', 'a positive whole number'));
  }
  for (const name of ['idleTimeout', 'heartbeatInterval', 'sessionRefresh'] as const) {
    const value = ws[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
      throw new Error(BootstrapMessages.invalidOption(`ws.${name}`, 'a whole number of milliseconds, 0 or more'));
    }
  }
  if (ws.allowedOrigins !== undefined && !(Array.isArray(ws.allowedOrigins) && ws.allowedOrigins.every(o => typeof o === 'string'))) {
    throw new Error(BootstrapMessages.invalidOption('ws.allowedOrigins', 'an array of origins such as "https://app.example.com"'));
  }
}

function validateMcpOptions(mcp: boolean | WeeRpcMcpOptions | undefined): void {
  if (mcp === undefined || typeof mcp === 'boolean') {
    return;
  }
  if (mcp === null || typeof mcp !== 'object' || Array.isArray(mcp)) {
    throw new Error(BootstrapMessages.invalidOption('mcp', 'true or an object of MCP options'));
  }
  for (const name of ['path', 'name', 'version', 'instructions'] as const) {
    if (mcp[name] !== undefined && typeof mcp[name] !== 'string') {
      throw new Error(BootstrapMessages.invalidOption(`mcp.${name}`, 'a string'));
    }
  }
  const { tools } = mcp;
  if (tools !== undefined && tools !== 'marked' && tools !== 'all' && !(Array.isArray(tools) && tools.every(name => typeof name === 'string'))) {
    throw new Error(BootstrapMessages.invalidOption('mcp.tools', "'marked', 'all' or an array of function names"));
  }
  if (mcp.allowedOrigins !== undefined && !(Array.isArray(mcp.allowedOrigins) && mcp.allowedOrigins.every(o => typeof o === 'string'))) {
    throw new Error(BootstrapMessages.invalidOption('mcp.allowedOrigins', 'an array of origins such as "https://app.example.com"'));
  }
}
