import type { RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';

/** A tool as `tools/list` shows it (the MCP `Tool` object). */
export interface McpToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: RpcJsonSchema;
  readonly outputSchema?: RpcJsonSchema;
  readonly annotations?: Readonly<Record<string, string | boolean>>;
}

/**
 * How the arguments of a `tools/call` become the function's data: `object` (the arguments are the
 * data), `wrapped` (the data is not an object: it is the `data` argument), `none` (no data).
 */
export type McpToolInput = 'object' | 'wrapped' | 'none';

/**
 * How a result becomes `structuredContent`: `object` (the data itself), `wrapped` (a result that is
 * not an object: `{ result }`), or `none` (no `result` schema: a text content only).
 */
export type McpToolOutput = 'object' | 'wrapped' | 'none';

/** One function of an endpoint served as an MCP tool; built at bootstrap. */
export interface RpcMcpTool {
  readonly definition: McpToolDefinition;
  readonly input: McpToolInput;
  readonly output: McpToolOutput;
}

/** The property a wrapped input or output is carried in. */
export const WRAPPED_DATA = 'data';
export const WRAPPED_RESULT = 'result';
