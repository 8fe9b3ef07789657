import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { originAllowed } from '../auth/allowed-origins.js';
import type { WeeRpcDispatcher } from '../dispatch/weerpc.dispatcher.js';
import type { RpcEndpoint, RpcMcpSettings } from '../endpoints/rpc-endpoint.interface.js';
import type { HttpDrain } from '../http/http-drain.js';
import { stoppedReading } from '../http/read-body.js';
import type { RpcBody } from '../interfaces/rpc-body.interface.js';
import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { MCP_REFUSALS, sendRefusal } from './mcp-http.answers.js';
import { McpInFlightCalls } from './mcp-in-flight.calls.js';
import type { McpSdk } from './mcp-sdk.loader.js';
import { McpPlainToolCalls } from './mcp-plain-tool-calls.js';
import { createMcpServer } from './mcp-server.factory.js';
import { McpToolCalls } from './mcp-tool.calls.js';

/**
 * The Streamable HTTP MCP server of one endpoint, stateless: each POST gets an SDK server and
 * transport of its own (no session id), so that instances behind a balancer need no sticky
 * sessions. Before the SDK sees a request, the route checks what the SDK cannot: the Origin (DNS
 * rebinding), the method, and the body the endpoint's reader read within `bodyLimit`. A plain
 * `tools/call` (no progress) is answered past the SDK's per-request machinery, as the SDK would
 * answer it (`McpPlainToolCalls`).
 */
export class WeeRpcMcpServer {
  private readonly logger = new Logger(WEERPC_LOGGER_CONTEXT);
  private readonly calls: McpToolCalls;
  private readonly inFlight = new McpInFlightCalls();
  private readonly plainCalls: McpPlainToolCalls;

  constructor(
    private readonly sdk: McpSdk,
    private readonly endpoint: RpcEndpoint,
    private readonly settings: RpcMcpSettings,
    dispatcher: WeeRpcDispatcher,
    private readonly drain: HttpDrain,
  ) {
    this.calls = new McpToolCalls(sdk, endpoint, settings, dispatcher);
    this.plainCalls = new McpPlainToolCalls(sdk, settings, this.calls, this.inFlight);
  }

  /**
   * Answers one request of the MCP route; never throws (a failure is logged and the connection
   * ended). It counts for the drain until its response is over, a progress stream included; while
   * draining, the answer closes its connection.
   */
  handle(request: unknown, response: unknown, raw: IncomingMessage, rawResponse: ServerResponse, body: RpcBody | null | undefined): void {
    this.drain.track(rawResponse);
    this.serve(request, response, raw, rawResponse, body).catch(error => {
      this.logger.error(`Could not answer an MCP request on ${this.settings.path}`, error instanceof Error ? error.stack : String(error));
      if (!rawResponse.headersSent) {
        rawResponse.writeHead(500).end();
      } else {
        rawResponse.destroy();
      }
    });
  }

  private async serve(
    request: unknown,
    response: unknown,
    raw: IncomingMessage,
    rawResponse: ServerResponse,
    body: RpcBody | null | undefined,
  ): Promise<void> {
    if (body === null) {
      return; // the client went away while sending: there is no one to answer
    }
    if (!originAllowed(raw.headers.origin, raw.headers.host, this.settings.allowedOrigins)) {
      return sendRefusal(rawResponse, MCP_REFUSALS.origin, body !== undefined && stoppedReading(body));
    }
    if (body === undefined) {
      // GET (a stream for server-initiated messages) and DELETE (end a session): a stateless server has neither.
      return sendRefusal(rawResponse, MCP_REFUSALS.method);
    }
    const parsed = parseBody(body);
    if ('refusal' in parsed) {
      return sendRefusal(rawResponse, parsed.refusal, stoppedReading(body) || !raw.complete);
    }
    const caller = mcpCaller(raw, request, response);
    const plainCall = this.plainCalls.recognise(raw, parsed.value);
    if (plainCall) {
      return this.plainCalls.answer(plainCall, caller, rawResponse);
    }
    const server = createMcpServer(this.sdk, this.settings, this.calls, caller, this.inFlight);
    // A plain JSON answer unless the client asked for progress (then a Server-Sent Events stream
    // carries the notifications before the result): a stream costs the server far more per call.
    const transport = new this.sdk.StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !wantsProgress(parsed.value) });
    // The client went away before the answer was sent: the server closes, which aborts its running
    // handlers (their signal stops a stream's producer). After a whole answer nothing is left to
    // stop, and closing would cost an error object (with its stack) per call: server and transport
    // are simply dropped.
    rawResponse.once('close', () => {
      if (!rawResponse.writableFinished) {
        void server.close().catch(() => undefined);
      }
    });
    await server.connect(transport);
    await transport.handleRequest(raw, rawResponse, parsed.value);
  }
}

/** An HTTP caller whose streams the MCP handler reads item by item (progress notifications). */
function mcpCaller(raw: IncomingMessage, request: unknown, response: unknown): RpcCaller {
  return {
    host: raw.headers.host,
    session: (request as { session?: unknown }).session,
    headers: raw.headers,
    streams: 'items',
    request,
    response,
  };
}

/** Whether a message (or one of a batch) is a request that carries a `progressToken`. */
function wantsProgress(message: unknown): boolean {
  if (Array.isArray(message)) {
    return message.some(wantsProgress);
  }
  const meta = (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta;
  return meta?.progressToken !== undefined;
}

function parseBody(body: RpcBody): { value: unknown } | { refusal: (typeof MCP_REFUSALS)[keyof typeof MCP_REFUSALS] } {
  switch (body.kind) {
    case 'too-large':
      return { refusal: MCP_REFUSALS.tooLarge };
    case 'timed-out':
      return { refusal: MCP_REFUSALS.timedOut };
    case 'parsed':
      return { value: body.value };
    case 'bytes':
      try {
        return { value: JSON.parse(body.bytes.toString('utf8')) };
      } catch {
        return { refusal: MCP_REFUSALS.notJson };
      }
  }
}
