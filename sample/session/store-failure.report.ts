import { Logger } from '@nestjs/common';

const logger = new Logger('Sessions');

/** Says that one request goes on without a session because the store failed (Redis away). */
export function reportStoreFailure(error: unknown): void {
  logger.warn(`Session store failed (${error instanceof Error ? error.message : String(error)}): request continues without a session.`);
}
