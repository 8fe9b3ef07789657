/** How a `WeeRpcTransport` serves an application's functions over a Nest microservice transport. */
export interface WeeRpcTransportOptions {
  /**
   * The endpoint whose functions answer, by its full path (`'/rpc'`, `'/api/rpc/clients'`).
   * Default: the first endpoint (the `forRoot` one).
   */
  endpoint?: string;
  /**
   * The session a message stands for, for session rules and `@RpcSession()`: given the message's
   * data and the transport's context (`TcpContext`, `RedisContext`). Without it there is no
   * session, so session rules fail closed. Verify what you read: any client of the broker can send.
   */
  session?: (data: unknown, context: unknown) => unknown;
}
