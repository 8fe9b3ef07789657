/** Every text the module shows to callers or to developers, in one place. */
export const RpcMessages = {
  noFunctions: 'No functions registered.',
  unauthorized: 'Unauthorized.',
  unauthorizedHost: (host: string | undefined) => `Unauthorized (${host ?? ''})`,
  notJson: 'Request must be JSON.',
  empty: 'Request must not be empty.',
  invalidRequest: 'Invalid request.',
  invalidVersion: 'Invalid weerpc version.',
  invalidFunction: 'Invalid function.',
  invalidData: 'Invalid data.',
  noResult: 'Unsuccessful command execution.',
  internalError: 'Internal server error.',
  tooLarge: 'Request too large.',
  timedOut: 'Request timed out.',
  forbidden: 'Forbidden resource',
  /** A WebSocket call asking for a stream beyond the socket's `maxInFlight` open streams. */
  busy: 'Too many calls in flight.',
  /** The close reason of a WebSocket whose upgrade came from an origin not allowed. */
  originNotAllowed: 'Origin not allowed.',
  /** The close reason of a WebSocket closed for `idleTimeout`. */
  idle: 'Idle timeout.',
  /**
   * The server is draining: the close reason of its WebSockets (1001), the answer to a socket's call
   * that arrived meanwhile, and the final event of a stream longer than `shutdown.drainTimeout`.
   */
  shuttingDown: 'Server shutting down.',
  /**
   * A socket call still running when `shutdown.drainTimeout` ended: it may have run (unlike a call
   * answered `Server shutting down.`, which never did).
   */
  unfinishedAtShutdown: 'Server shut down before the call finished.',
  /** The answer to a plain GET (no upgrade) on a WebSocket path. */
  upgradeRequired: 'This path takes WebSocket connections.',
  streamOverflow: 'Stream buffer full: the client reads too slowly.',
  /** The health indicator's message before the endpoints are built (the application did not initialise yet). */
  notReady: 'weeRPC endpoints are not built yet.',
  /** `withEventId` with an id that cannot travel as a Server-Sent Events `id:` line. */
  invalidEventId: (id: unknown) =>
    `An event id must be a non-empty string of at most 256 characters without line breaks or NUL, not ${JSON.stringify(id) ?? String(id)}.`,
} as const;

/** JSON-RPC 2.0 error messages: the specification's own for its codes, ours for the server range. */
export const JsonRpcMessages = {
  parseError: 'Parse error',
  invalidRequest: 'Invalid Request',
  methodNotFound: 'Method not found',
  invalidParams: 'Invalid params',
  internalError: 'Internal error',
  /** A function's `RpcResponse.fail()` without a message. */
  serverError: 'Server error',
  notAccepted: 'JSON-RPC 2.0 is not accepted on this endpoint.',
} as const;

/** Texts of bootstrap errors and warnings. */
export const BootstrapMessages = {
  duplicateFunction: (name: string, path: string, first: string, second: string) =>
    `Duplicate RPC function '${name}' on endpoint '${path}': ${first} and ${second}.`,
  duplicateEndpoint: (path: string) => `Two weeRPC endpoints share the path '${path}'; each forRoot/forFeature needs its own path.`,
  invalidFunctionName: (place: string) => `@RpcFunction on ${place} needs a non-empty name that is not reserved by Object.prototype.`,
  reservedFunctionName: (name: string, place: string) =>
    `RPC function '${name}' on ${place}: names starting with 'rpc.' are reserved by JSON-RPC 2.0.`,
  unknownProtocol: (name: unknown, known: readonly string[]) =>
    `Unknown weeRPC protocol ${JSON.stringify(name)} in "protocols"; known: ${known.join(', ')}.`,
  noProtocols: '"protocols" needs at least one protocol.',
  invalidMaxBatchSize: (value: unknown) => `"maxBatchSize" must be a positive integer, not ${String(value)}.`,
  invalidMaxDepth: (value: unknown) => `"maxDepth" must be a positive integer (levels of nesting), not ${String(value)}.`,
  invalidPlainFunction: (name: string) => `The plain function '${name}' in "functions" is not a function or has an invalid name.`,
  staticFunction: (place: string) => `@RpcFunction on the static method ${place} is ignored: RPC functions run on provider instances.`,
  noSessionMiddleware: (path: string) =>
    `Endpoint '${path}' uses session auth but no session middleware (express-session) was found ` +
    `before it: session-protected calls will answer 'Unauthorized.' until one is installed.`,
  invalidOption: (name: string, expected: string) => `WeeRpcModule option "${name}" must be ${expected}.`,
  missingAsyncStrategy: 'WeeRpcModule.forRootAsync() needs one of useFactory, useClass or useExisting.',
  wsPackageMissing: (path: string) => `Endpoint '${path}' has the "ws" option but the 'ws' package is not installed: npm install ws.`,
  unknownTransportEndpoint: (path: string, known: readonly string[]) =>
    `WeeRpcTransport: no weeRPC endpoint at '${path}'; endpoints: ${known.join(', ') || 'none'}.`,
  transportWithoutApp:
    'WeeRpcTransport needs the application before it listens: pass it to the factory ' +
    '(WeeRpcTransport.tcp(app, ...)) or call transport.useApplication(app) after NestFactory.createMicroservice().',
  streamingUnsupported: (seen: string) =>
    `nestjs-weerpc could not stream through this version of @nestjs/core's interceptors: a two-item stream came back as ${seen}. ` +
    'Use the @nestjs/core version of its peer dependency range, or report it.',
  unsupportedAdapter: (type: string) => `nestjs-weerpc does not support the '${type}' HTTP adapter; use Express or Fastify.`,
} as const;

/** Texts the module logs while serving. */
export const LogMessages = {
  unsentAnswer: (path: string) => `Could not send the answer of a call on ${path} (something wrapped around the response threw on the way out)`,
  unsavedSession: (path: string) => `Could not save the session a WebSocket call on ${path} changed (its store failed)`,
} as const;

/** Texts of the OpenRPC document (`discovery: true`): its errors and its bootstrap failures. */
export const OpenRpcMessages = {
  functionFailed: 'The function failed (RpcResponse.fail): the message and data are its own.',
  rejected: 'Rejected: an HttpException (a guard, a pipe or the function); data.status is its HTTP status.',
  badSchemaSource: (place: string, option: string) =>
    `@RpcFunction on ${place}: "${option}" must be a DTO class, [DtoClass] or a JSON Schema object.`,
  undescribableDto: (place: string, dto: string) =>
    `@RpcFunction on ${place}: the class ${dto} has no class-validator metadata, so its JSON Schema ` +
    `cannot be built for the OpenRPC document; decorate its properties or give a JSON Schema.`,
  undescribableProperty: (place: string, dto: string, property: string) =>
    `@RpcFunction on ${place}: ${dto}.${property} has no JSON Schema (its validators say nothing of its ` +
    `type); add a type validator (@IsString(), ...) or @JSONSchema({...}) from class-validator-jsonschema.`,
  jsonSchemaMissing: (reason: string) =>
    `"discovery" builds JSON Schemas from class-validator DTOs with class-validator-jsonschema, which ` +
    `could not be loaded (npm install class-validator-jsonschema): ${reason}`,
  clientNotBuilt: (path: string) => `The explorer page of '${path}' needs the built browser client (dist/client); it is served without it.`,
} as const;

/** Texts of the MCP surface (`mcp`, docs/mcp.md): its answers and its bootstrap failures. */
export const McpMessages = {
  /** A request whose `Origin` is neither the server's own host nor in `allowedOrigins` (HTTP 403). */
  originNotAllowed: 'Origin not allowed.',
  /** GET and DELETE on the stateless MCP path (HTTP 405): there are no sessions or server-sent streams. */
  methodNotAllowed: 'Method not allowed: this MCP server is stateless; POST each message.',
  /** A `tools/call` of a name that is not a tool of the endpoint (JSON-RPC -32602). */
  unknownTool: (name: string) => `Unknown tool: ${name}`,
  /** The description of the `data` property of a tool whose function's data is not an object. */
  wrappedData: "The function's data (its input is not an object, so it is passed as this property).",
  sdkMissing: (path: string, reason: string) =>
    `Endpoint '${path}' has the "mcp" option but @modelcontextprotocol/sdk could not be loaded ` +
    `(npm install @modelcontextprotocol/sdk): ${reason}`,
  invalidToolMark: (place: string) =>
    `@RpcFunction on ${place}: "mcp" must be true, false or { title?, readOnly?, destructive?, idempotent?, openWorld? } ` +
    '(a string title and boolean hints).',
  unknownToolName: (path: string, name: string) => `Endpoint '${path}': "mcp.tools" names '${name}', which is not a function of the endpoint.`,
  pathTaken: (path: string) => `The MCP path '${path}' is already the path of a weeRPC endpoint; give "mcp.path" another.`,
  noTools: (path: string) =>
    `Endpoint '${path}' has the "mcp" option but no tools: mark functions with @RpcFunction({ mcp: true }) or set "mcp.tools".`,
  noStdioEndpoint: (known: readonly string[]) =>
    `WeeRpcMcp.stdio: no endpoint with the "mcp" option at that path; endpoints with it: ${known.join(', ') || 'none'}.`,
} as const;

/** Texts of the events publisher (`WeeRpcPublisher`). */
export const EventMessages = {
  /** A topic name the publisher refuses (a `BadRequestException`). */
  invalidTopic: (topic: unknown) =>
    `Invalid topic ${JSON.stringify(topic) ?? String(topic)}: 1 to 200 letters, digits and . _ - : / (starting with a letter or a digit).`,
  /** A resume the topic cannot serve (a `GoneException`): the events after the id are no longer all kept. */
  resumeTooOld: (lastEventId: string) =>
    `Cannot resume after event ${JSON.stringify(lastEventId)}: it is older than the topic's retention or unknown to it.`,
  /** A subscriber whose waiting events passed `subscriberBuffer` (a `ServiceUnavailableException`): its events were dropped. */
  subscriberTooSlow: 'Subscriber too slow: its events were dropped.',
  /** `redis` configured without the ioredis package. */
  redisMissing: (reason: string) => `WeeRpcEventsModule: "redis" needs the ioredis package (npm install ioredis): ${reason}`,
  missingAsyncStrategy: 'WeeRpcEventsModule.forRootAsync() needs one of useFactory, useClass or useExisting.',
  invalidOption: (name: string, expected: string) => `WeeRpcEventsModule option "${name}" must be ${expected}.`,
  /** The Redis reader failed and retries. */
  readerFailed: (reason: string) => `Events: reading the Redis streams failed (${reason}); retrying.`,
} as const;
