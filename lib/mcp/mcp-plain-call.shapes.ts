import type { CallToolResult, RequestId } from '@modelcontextprotocol/sdk/types.js';

/**
 * Shortcuts past two of the SDK's zod checks on a plain `tools/call`, which cost as much as the rest
 * of the MCP-specific work together (bench:mcp --profile). Each is a narrower test than the SDK's
 * schema, so that whatever it takes the schema takes too, unchanged; what it does not take goes to
 * the schema itself (lib/mcp/mcp-plain-tool-calls.ts).
 */

const ENVELOPE_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAMS_KEYS = new Set(['name', 'arguments']);

/**
 * The id and parameters of the common `tools/call` as a client sends it: JSON-RPC's four members
 * only, a string or safe-integer id, a name and an arguments object, nothing else (no `_meta`, no
 * `task`). `JSONRPCRequestSchema` (strict) and `CallToolRequestSchema` accept all of it and give
 * these same values back. Undefined otherwise, which says nothing: the schemas decide then.
 */
export function commonToolCall(message: unknown): { id: RequestId; params: { name: string; arguments?: Record<string, unknown> } } | undefined {
  if (!isObject(message) || !hasOnly(message, ENVELOPE_KEYS) || message.jsonrpc !== '2.0' || message.method !== 'tools/call') {
    return undefined;
  }
  const { id, params } = message;
  if ((typeof id !== 'string' && !Number.isSafeInteger(id)) || !isObject(params) || !hasOnly(params, PARAMS_KEYS)) {
    return undefined;
  }
  const { name, arguments: args } = params;
  // zod's record drops an own `__proto__` key (JSON.parse makes one): such arguments are the schema's to copy.
  if (typeof name !== 'string' || (args !== undefined && (!isObject(args) || Object.hasOwn(args, '__proto__')))) {
    return undefined;
  }
  return { id: id as RequestId, params: args === undefined ? { name } : { name, arguments: args } };
}

/**
 * Whether `CallToolResultSchema` would give a tool result back unchanged, for results built as
 * `toolResult` builds them (content first, then structuredContent or isError): text contents that
 * are strings, and a structuredContent that is absent or the `{ result }` object built around the
 * data (`builtStructure`). A function's own object as structuredContent (a class instance fails
 * the schema's record) and a text JSON could not give are left to the schema.
 */
export function resultStandsAsBuilt(result: CallToolResult, builtStructure: boolean): boolean {
  if (result.structuredContent !== undefined && !builtStructure) {
    return false;
  }
  for (const block of result.content) {
    if (block.type !== 'text' || typeof block.text !== 'string') {
      return false;
    }
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function hasOnly(value: object, allowed: ReadonlySet<string>): boolean {
  for (const key in value) {
    if (!allowed.has(key)) {
      return false;
    }
  }
  return true;
}
