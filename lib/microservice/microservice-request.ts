/**
 * What guards, interceptors and parameter decorators see as "the request" of a call that came
 * through a microservice transport (`context.switchToHttp().getRequest()`, `@RpcHttpRequest()`).
 */
export interface RpcMicroserviceRequest {
  /** The message pattern: the function's name. */
  readonly pattern: string;
  /** The transport's own context (`TcpContext`, `RedisContext`, ...). */
  readonly context: unknown;
  /** What the transport's `session` option returned; `null` without one (or when it returned nothing). */
  readonly session: unknown;
  /** No HTTP headers off HTTP; present (empty) so that header-reading code does not throw. */
  readonly headers: Readonly<Record<string, string>>;
}
