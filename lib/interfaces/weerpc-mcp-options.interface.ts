/**
 * The `mcp` option of an endpoint: serve some of its functions as Model Context Protocol tools
 * (docs/mcp.md), over Streamable HTTP at `<endpoint path>/mcp`. Needs `@modelcontextprotocol/sdk`.
 */
export interface WeeRpcMcpOptions {
  /** The MCP route; the global prefix applies. Default: `<endpoint path>/mcp`. */
  path?: string;
  /** The server's name in the `initialize` answer. Default: the OpenRPC title, else `weeRPC <path>`. */
  name?: string;
  /** The server's version in the `initialize` answer. Default: the OpenRPC version, else `1.0.0`. */
  version?: string;
  /** Told to the agent in the `initialize` answer: how to use the tools. */
  instructions?: string;
  /**
   * Which functions are tools. Default `'marked'`: those with `@RpcFunction({ mcp: ... })` only, since
   * exposing a function to an agent is a security decision. `'all'`: every function of the endpoint.
   * A list: these names (plain `functions` included) beside the marked ones.
   */
  tools?: 'marked' | 'all' | string[];
  /**
   * Origins (`https://app.example.com`) allowed beside the server's own host. A request whose
   * `Origin` names another host is refused with 403 (DNS rebinding), as for the WebSocket upgrade.
   */
  allowedOrigins?: string[];
}

/**
 * `@RpcFunction({ mcp: { ... } })`: the function is an MCP tool, with the tool annotations the
 * MCP specification defines (hints for the agent and its user, never enforced).
 */
export interface RpcMcpToolOptions {
  /** A human-readable title for the tool. */
  readonly title?: string;
  /** The tool does not change anything (`readOnlyHint`). */
  readonly readOnly?: boolean;
  /** The tool may destroy or overwrite data (`destructiveHint`). */
  readonly destructive?: boolean;
  /** Calling it twice with the same arguments does nothing more (`idempotentHint`). */
  readonly idempotent?: boolean;
  /** The tool reaches outside systems (`openWorldHint`). */
  readonly openWorld?: boolean;
}
