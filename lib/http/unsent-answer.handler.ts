import { Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { RpcEndpoint } from '../endpoints/rpc-endpoint.interface.js';
import { WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { LogMessages } from '../weerpc.messages.js';

const logger = new Logger(WEERPC_LOGGER_CONTEXT);

/**
 * Logs, with its stack, an error thrown while an answer was on its way out: not by the function
 * (the dispatcher answers those) but by what the application wrapped around the response, such
 * as a session middleware whose store cannot save what a function put in the session.
 */
export function reportUnsentAnswer(endpoint: RpcEndpoint, error: unknown): void {
  logger.error(LogMessages.unsentAnswer(endpoint.path), error instanceof Error ? error.stack : String(error));
}

/**
 * The answer could not be sent and the response cannot be trusted to finish (express-session's
 * wrapped `end()` marks itself ended before it throws): log, and close the connection, so that
 * neither the process (an unhandled rejection) nor the client (waiting forever) pays for it.
 */
export function abandonAnswer(endpoint: RpcEndpoint, response: ServerResponse, error: unknown): void {
  reportUnsentAnswer(endpoint, error);
  response.destroy();
}
