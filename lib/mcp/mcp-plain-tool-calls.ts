import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallToolRequest, CallToolResult, RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import type { McpInFlightCalls } from './mcp-in-flight.calls.js';
import { commonToolCall, resultStandsAsBuilt } from './mcp-plain-call.shapes.js';
import type { McpSdk } from './mcp-sdk.loader.js';
import type { McpToolCalls } from './mcp-tool.calls.js';

/** A `tools/call` the plain path answers: its JSON-RPC id and its parameters, as the SDK's schemas give them. */
export interface McpPlainCall {
  readonly id: RequestId;
  readonly params: CallToolRequest['params'];
}

/**
 * The common MCP request, one `tools/call` that asks for no progress, answered without the SDK's
 * per-request machinery: a `Server` and a transport built for each POST, Node's request and
 * response turned into Web ones and back, the message validated again at each layer. That
 * machinery cost four to seven times the call itself (docs/benchmarks.md, "MCP tools/call vs
 * JSON-RPC").
 *
 * It must answer what the SDK answers, so it takes a request only when the SDK would run it as is:
 * the transport's Accept, Content-Type and MCP-Protocol-Version rules, the SDK's own JSON-RPC
 * request and `tools/call` schemas (or a narrower test they pass, mcp-plain-call.shapes.ts), a
 * tool of this endpoint, no progress token (progress needs the SDK's event stream) and no task.
 * Its answer is the SDK's too: the result as the SDK's `CallToolResultSchema` gives it back, an
 * error shaped as the SDK's protocol shapes one, plain JSON with status 200. Everything else
 * (initialize, tools/list, notifications, batches, progress, an unknown tool, a malformed call)
 * goes to the SDK, which answers it as before.
 */
export class McpPlainToolCalls {
  constructor(
    private readonly sdk: McpSdk,
    private readonly settings: RpcMcpSettings,
    private readonly calls: McpToolCalls,
    private readonly inFlight: McpInFlightCalls,
  ) {}

  /** The call, when `message` (the parsed body of `raw`) is one this path answers as the SDK would. */
  recognise(raw: IncomingMessage, message: unknown): McpPlainCall | undefined {
    // Cheap tests first: every other MCP request leaves here without a schema check.
    if ((message as { method?: unknown } | null)?.method !== 'tools/call' || !this.transportAccepts(raw)) {
      return undefined;
    }
    const call = commonToolCall(message) ?? this.checkedCall(message);
    return call && this.settings.tools.has(call.params.name) ? call : undefined;
  }

  /** A less common call (with `_meta`, say), through the SDK's schemas; none with progress or a task. */
  private checkedCall(message: unknown): McpPlainCall | undefined {
    const { types, safeParse } = this.sdk;
    const envelope = safeParse(types.JSONRPCRequestSchema, message);
    const request = envelope.success ? safeParse(types.CallToolRequestSchema, message) : undefined;
    if (!envelope.success || !request?.success) {
      return undefined; // the SDK answers a malformed message with its own error
    }
    const { params } = request.data;
    return params._meta?.progressToken === undefined && params.task === undefined ? { id: envelope.data.id, params } : undefined;
  }

  /**
   * Runs the call through the one core call (as the SDK's handler does) and answers it. The call is
   * registered in flight, so that a `notifications/cancelled` (a POST of its own) stops it; a client
   * that goes away before the answer stops it too, as the SDK path's `server.close()` does, and gets
   * no answer.
   */
  async answer(call: McpPlainCall, caller: RpcCaller, response: ServerResponse): Promise<void> {
    const running = this.inFlight.add(caller, call.id);
    response.once('close', () => {
      if (!response.writableFinished) {
        running.abort();
      }
    });
    let body: string;
    try {
      const result = await this.calls.call(caller, call.params, running);
      body = this.resultBody(call.id, result, this.settings.tools.get(call.params.name)!.output === 'wrapped');
    } catch (error) {
      body = errorBody(call.id, error, this.sdk.types.ErrorCode.InternalError);
    } finally {
      running.release();
    }
    if (response.destroyed || response.headersSent) {
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  }

  /**
   * The SDK server's check of a tool result (skipped when the result stands as built), and its
   * JSON-RPC response: `result`, `jsonrpc`, `id`, in its order.
   */
  private resultBody(id: RequestId, result: CallToolResult, builtStructure: boolean): string {
    let checked: unknown = result;
    if (!resultStandsAsBuilt(result, builtStructure)) {
      const { types, safeParse } = this.sdk;
      const parsed = safeParse(types.CallToolResultSchema, result);
      if (!parsed.success) {
        const message = parsed.error instanceof Error ? parsed.error.message : String(parsed.error);
        throw new types.McpError(types.ErrorCode.InvalidParams, `Invalid tools/call result: ${message}`);
      }
      checked = parsed.data;
    }
    return `{"result":${JSON.stringify(checked)},"jsonrpc":"2.0","id":${JSON.stringify(id)}}`;
  }

  /** The transport's rules for a POST: it accepts JSON and an event stream, sends JSON, speaks a version the SDK knows. */
  private transportAccepts(raw: IncomingMessage): boolean {
    const { accept, 'content-type': contentType, 'mcp-protocol-version': version } = raw.headers;
    return (
      accept !== undefined &&
      accept.includes('application/json') &&
      accept.includes('text/event-stream') &&
      this.sdk.isJsonContentType(contentType) &&
      (version === undefined || (typeof version === 'string' && this.sdk.types.SUPPORTED_PROTOCOL_VERSIONS.includes(version))) &&
      oneContentType(raw.rawHeaders)
    );
  }
}

/**
 * Whether the request sent Content-Type once. Node keeps the first of several, where the SDK's
 * transport (Web headers) joins them and refuses the result: such a request goes to the SDK.
 */
function oneContentType(rawHeaders: readonly string[]): boolean {
  let seen = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].length === 12 && rawHeaders[i].toLowerCase() === 'content-type') {
      seen++;
    }
  }
  return seen === 1;
}

/** A handler's failure as the SDK's protocol answers it: its code when it has one, else an internal error. */
function errorBody(id: RequestId, error: unknown, internalError: number): string {
  const { code, message, data } = (error ?? {}) as { code?: unknown; message?: string; data?: unknown };
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: {
      code: Number.isSafeInteger(code) ? code : internalError,
      message: message ?? 'Internal error',
      ...(data !== undefined && { data }),
    },
  });
}
