import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';

/**
 * The `tools/call`s running on this instance, so that a `notifications/cancelled` can stop one.
 * The MCP server is stateless (no session id), and the SDK's client sends the cancellation as a
 * POST of its own, which meets a fresh server: the call is found by its request id together with
 * the caller's credentials (Authorization, Cookie, else the peer's address), so that nobody can
 * stop the calls of another caller by guessing ids. Behind a balancer, the cancellation stops the
 * call only when it reaches the same instance (docs/mcp.md).
 */
export class McpInFlightCalls {
  private readonly calls = new Map<string, McpRunningCall>();

  /** Registers a running call; `release` it when it ends. */
  add(caller: RpcCaller, requestId: string | number): McpRunningCall {
    const key = keyOf(caller, requestId);
    const running = new McpRunningCall(() => {
      if (this.calls.get(key) === running) {
        this.calls.delete(key);
      }
    });
    this.calls.set(key, running);
    return running;
  }

  /** Stops the caller's call of that id, if it runs here. */
  cancel(caller: RpcCaller, requestId: string | number, reason?: string): void {
    this.calls.get(keyOf(caller, requestId))?.abort(reason);
  }
}

/**
 * One call in flight. Its `AbortController` is made only when something reads the signal (a
 * stream's producer) or stops the call: most calls are a plain function that nothing can stop
 * midway, and a controller (with its signal) per call was a measurable share of a plain MCP call.
 */
export class McpRunningCall {
  private controller: AbortController | undefined;

  constructor(readonly release: () => void) {}

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  abort(reason?: string): void {
    this.controller ??= new AbortController();
    this.controller.abort(reason);
  }
}

function keyOf(caller: RpcCaller, requestId: string | number): string {
  const { authorization, cookie } = caller.headers;
  const credentials =
    authorization !== undefined || cookie !== undefined
      ? `${String(authorization ?? '')}\n${String(cookie ?? '')}`
      : String((caller.request as { socket?: { remoteAddress?: string } } | undefined)?.socket?.remoteAddress ?? '');
  return `${credentials}\n${typeof requestId}:${requestId}`;
}
