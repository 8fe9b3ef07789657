import { Logger } from '@nestjs/common';
import type { CallToolRequest, CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { checkAccess } from '../auth/access-rules.js';
import { errorToOutcome } from '../dispatch/outcome.mapper.js';
import { ADMISSION } from '../dispatch/rpc-input.js';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { RpcStreamSource } from '../invoke/rpc-stream.source.js';
import { eventItemData } from '../invoke/rpc-event-item.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { JsonRpcMessages, McpMessages } from '../weerpc.messages.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import type { McpRunningCall } from './mcp-in-flight.calls.js';
import type { McpSdk } from './mcp-sdk.loader.js';
import { WRAPPED_DATA, WRAPPED_RESULT, type RpcMcpTool } from '../openrpc/mcp-tool.js';

/** The protocol MCP calls are counted under (telemetry's `rpc.system`, `getRpcContext().protocol`). */
export const MCP_PROTOCOL = 'mcp';

/** Sends a notification about the running call (the SDK's `extra.sendNotification`): progress. */
export type McpNotifier = (notification: { method: 'notifications/progress'; params: Record<string, unknown> }) => Promise<void>;

/**
 * `tools/list` and `tools/call` of one endpoint, for one caller; everything else about MCP is the
 * SDK's. Every call goes through the dispatcher's one door, as an MCP call.
 */
export class McpToolCalls {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);

  constructor(
    private readonly sdk: McpSdk,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcMcpSettings,
    private readonly dispatcher: WeeRpcDispatcher,
  ) {}

  /** The tools this caller may call: none when the endpoint refuses it, else those whose own rules let it in. */
  async list(caller: RpcCaller): Promise<Tool[]> {
    if ((await this.dispatcher.execute(this.endpoint, caller, ADMISSION)) !== null) {
      return [];
    }
    const tools: Tool[] = [];
    for (const [name, tool] of this.settings.tools) {
      if (checkAccess(this.endpoint.table.get(name)!.access, caller.session, caller.host) === null) {
        tools.push(tool.definition as Tool);
      }
    }
    return tools;
  }

  /**
   * Runs one tool. A failure of the function is a tool result with `isError` (the agent reads it);
   * a name that is no tool is a JSON-RPC error. A stream is collected, each item reported as
   * progress when the client asked for it (through `notify`: a call without a progress token
   * needs none); the running call's signal stops its producer (read only then: a plain function
   * needs no signal).
   */
  async call(caller: RpcCaller, params: CallToolRequest['params'], running: McpRunningCall, notify?: McpNotifier): Promise<CallToolResult> {
    const tool = this.settings.tools.get(params.name);
    if (!tool) {
      throw new this.sdk.types.McpError(this.sdk.types.ErrorCode.InvalidParams, McpMessages.unknownTool(params.name));
    }
    const args = params.arguments ?? {};
    const data = tool.input === 'object' ? args : tool.input === 'wrapped' ? (args[WRAPPED_DATA] ?? null) : null;
    let outcome = await this.dispatcher.execute(this.endpoint, caller, { call: { function: params.name, data }, protocol: MCP_PROTOCOL });
    if (outcome instanceof RpcStreamSource) {
      outcome = await this.collect(outcome, params, running.signal, notify);
    }
    return toolResult(tool, outcome);
  }

  private async collect(source: RpcStreamSource, params: CallToolRequest['params'], signal: AbortSignal, notify?: McpNotifier): Promise<RpcOutcome> {
    const progressToken = params._meta?.progressToken;
    const report = progressToken !== undefined ? notify : undefined;
    const stop = () => source.cancel();
    signal.addEventListener('abort', stop, { once: true });
    const items: unknown[] = [];
    try {
      for (;;) {
        const { done, value } = await source.next();
        if (done || signal.aborted) {
          if (report && items.length > 0) {
            // The SDK's client handles a notification a microtask later than a response, and drops
            // progress that arrives in the same read as its call's result: the last item's
            // notification gets a turn of the event loop to leave before the result.
            await new Promise(resolve => setImmediate(resolve));
          }
          return { ok: true, message: null, data: items };
        }
        const item = eventItemData(value);
        items.push(item);
        if (report) {
          // The item itself, as JSON, in the notification's message; progress counts the items.
          await report({
            method: 'notifications/progress',
            params: { progressToken, progress: items.length, message: JSON.stringify(item) },
          });
        }
      }
    } catch (error) {
      source.cancel();
      return errorToOutcome(error, this.logger, this.endpoint.table.get(params.name)!.place);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }
}

/** An outcome as a tool result: the data as one JSON text (and as `structuredContent` when the tool has an output schema). */
function toolResult(tool: RpcMcpTool, outcome: RpcOutcome): CallToolResult {
  if (!outcome.ok) {
    const content: CallToolResult['content'] = [{ type: 'text', text: outcome.message ?? JsonRpcMessages.serverError }];
    if (outcome.data !== null && outcome.data !== undefined) {
      content.push({ type: 'text', text: JSON.stringify(outcome.data) });
    }
    // In the order of the SDK's CallToolResultSchema (content, structuredContent, isError), which the
    // plain path's answer keeps when it skips that check (mcp-plain-call.shapes.ts).
    return { content, isError: true };
  }
  const data = outcome.data ?? null;
  const text = JSON.stringify(data);
  const result: CallToolResult = { content: [{ type: 'text', text }] };
  if (tool.output === 'object') {
    // The object as JSON has it (what the text says): a function's class instance (an entity, a DTO)
    // becomes the plain object the SDK's result check takes, its toJSON() and Dates honoured as in the text.
    result.structuredContent = JSON.parse(text) as Record<string, unknown>;
  } else if (tool.output === 'wrapped') {
    result.structuredContent = { [WRAPPED_RESULT]: data };
  }
  return result;
}
