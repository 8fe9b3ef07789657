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
  private readonly calls = new Map<string, AbortController>();

  /** Registers a running call; `release` when it ends. */
  add(caller: RpcCaller, requestId: string | number): { readonly signal: AbortSignal; abort(): void; release(): void } {
    const key = keyOf(caller, requestId);
    const controller = new AbortController();
    this.calls.set(key, controller);
    return {
      signal: controller.signal,
      abort: () => controller.abort(),
      release: () => {
        if (this.calls.get(key) === controller) {
          this.calls.delete(key);
        }
      },
    };
  }

  /** Stops the caller's call of that id, if it runs here. */
  cancel(caller: RpcCaller, requestId: string | number, reason?: string): void {
    this.calls.get(keyOf(caller, requestId))?.abort(reason);
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
