import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { safeParse } from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import type * as McpTypes from '@modelcontextprotocol/sdk/types.js';
import type { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { McpMessages } from '../weerpc.messages.js';

/** What the module uses of `@modelcontextprotocol/sdk`, loaded once and only for endpoints with `mcp`. */
export interface McpSdk {
  readonly Server: typeof Server;
  readonly StreamableHTTPServerTransport: typeof StreamableHTTPServerTransport;
  readonly StdioServerTransport: typeof StdioServerTransport;
  readonly types: Pick<
    typeof McpTypes,
    | 'CallToolRequestSchema'
    | 'CallToolResultSchema'
    | 'JSONRPCRequestSchema'
    | 'ListToolsRequestSchema'
    | 'CancelledNotificationSchema'
    | 'McpError'
    | 'ErrorCode'
    | 'LATEST_PROTOCOL_VERSION'
    | 'SUPPORTED_PROTOCOL_VERSIONS'
  >;
  /** The transport's own Content-Type test, so that the plain-call path accepts what it accepts. */
  readonly isJsonContentType: typeof isJsonContentType;
  /** The SDK server's own schema check (its error messages are the ones a client reads). */
  readonly safeParse: typeof safeParse;
  /** One JSON Schema validator for every server: building one (Ajv) per request would cost more than the call. */
  readonly validator: AjvJsonSchemaValidator;
}

let loading: Promise<McpSdk> | undefined;

/**
 * The SDK is an optional peer: imported dynamically, so that apps without `mcp` never load it (nor
 * need it installed). `path` names the endpoint in the error when it is missing.
 */
export function loadMcpSdk(path: string): Promise<McpSdk> {
  loading ??= importSdk();
  return loading.catch(error => {
    loading = undefined;
    throw new Error(McpMessages.sdkMissing(path, error instanceof Error ? error.message : String(error)));
  });
}

async function importSdk(): Promise<McpSdk> {
  // One after the other: they share modules (zod), and Jest's ES module loader fails an import of a
  // module that a concurrent import is still linking ("not in cache"); Node does not mind either way.
  const server = await import('@modelcontextprotocol/sdk/server/index.js');
  const http = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const stdio = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const types = await import('@modelcontextprotocol/sdk/types.js');
  const ajv = await import('@modelcontextprotocol/sdk/validation/ajv-provider.js');
  const mediaType = await import('@modelcontextprotocol/sdk/shared/mediaType.js');
  const zodCompat = await import('@modelcontextprotocol/sdk/server/zod-compat.js');
  return {
    Server: server.Server,
    StreamableHTTPServerTransport: http.StreamableHTTPServerTransport,
    StdioServerTransport: stdio.StdioServerTransport,
    types,
    isJsonContentType: mediaType.isJsonContentType,
    safeParse: zodCompat.safeParse,
    validator: new ajv.AjvJsonSchemaValidator(),
  };
}
