import type { WeeRpcMcpOptions } from '../interfaces/weerpc-mcp-options.interface.js';
import { BootstrapMessages } from '../weerpc.messages.js';

/** Refuses an `mcp` option that would misbehave later, with the option's name in the message. */
export function validateMcpOptions(mcp: boolean | WeeRpcMcpOptions | undefined): void {
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
