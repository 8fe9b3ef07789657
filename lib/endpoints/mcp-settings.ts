import { normalizeOrigins } from '../auth/allowed-origins.js';
import { joinEndpointPath } from './endpoint-path.js';
import type { WeeRpcMcpOptions } from '../interfaces/weerpc-mcp-options.interface.js';
import type { WeeRpcEndpointOptions } from '../interfaces/weerpc-options.interface.js';
import type { RpcFunctionDescriptor } from '../scanner/rpc-function.descriptor.js';
import { McpMessages } from '../weerpc.messages.js';
import { MCP_ROUTE } from '../weerpc.constants.js';
import { createMcpTools, type McpToolSource } from '../openrpc/mcp-tool.factory.js';
import type { RpcMcpSettings } from './rpc-endpoint.interface.js';

/** What the builder knows of an endpoint when it describes its tools. */
export interface McpEndpointSource {
  /** The endpoint's full route. */
  readonly path: string;
  readonly globalPrefix: string;
  readonly options: WeeRpcEndpointOptions;
  readonly functions: readonly RpcFunctionDescriptor[];
}

/** The MCP settings of an endpoint, or null when `mcp` is off. The SDK is not needed for this. */
export function toMcpSettings({ path, globalPrefix, options, functions }: McpEndpointSource): RpcMcpSettings | null {
  if (!options.mcp) {
    return null;
  }
  const mcp: WeeRpcMcpOptions = options.mcp === true ? {} : options.mcp;
  const discovery = typeof options.discovery === 'object' ? options.discovery : {};
  const sources: McpToolSource[] = [
    ...functions.map(descriptor => ({ name: descriptor.name, place: descriptor.place, docs: descriptor.docs, descriptor })),
    ...Object.keys(options.functions ?? {}).map(name => ({ name, place: `functions.${name}`, docs: {} })),
  ];
  const chosen = chooseTools(sources, mcp.tools ?? 'marked', path);
  return {
    path: mcp.path === undefined ? `${path === '/' ? '' : path}${MCP_ROUTE}` : joinEndpointPath(globalPrefix, mcp.path),
    name: mcp.name ?? discovery.title ?? `weeRPC ${path}`,
    version: mcp.version ?? discovery.version ?? '1.0.0',
    ...(mcp.instructions !== undefined && { instructions: mcp.instructions }),
    allowedOrigins: normalizeOrigins(mcp.allowedOrigins),
    tools: new Map(createMcpTools(chosen).map(tool => [tool.definition.name, tool])),
  };
}

/** The marked functions, every one (`'all'`), or the marked ones and those listed. */
function chooseTools(sources: McpToolSource[], tools: 'marked' | 'all' | string[], path: string): McpToolSource[] {
  if (tools === 'all') {
    return sources.filter(source => source.docs.mcp !== false);
  }
  const listed = new Set(tools === 'marked' ? [] : tools);
  for (const name of listed) {
    if (!sources.some(source => source.name === name)) {
      throw new Error(McpMessages.unknownToolName(path, name));
    }
  }
  return sources.filter(source => listed.has(source.name) || (source.docs.mcp !== undefined && source.docs.mcp !== false));
}
