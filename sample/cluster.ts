import 'reflect-metadata';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Logger } from '@nestjs/common';
import { readSampleConfig } from './sample.config.js';

/**
 * `npm run start:cluster`: one sample worker per core (WORKERS overrides), sharing the port through
 * Node's cluster module. Sessions must then live in Redis (SESSION_STORE=redis), which also puts the
 * notifications' live events there: in memory each worker would know only its own sessions and events.
 */
const logger = new Logger('Cluster');

if (cluster.isPrimary) {
  const config = readSampleConfig();
  const workers = Number(process.env.WORKERS || availableParallelism());
  if (config.sessionStore !== 'redis') {
    logger.warn(
      'SESSION_STORE is not redis: each worker keeps its own sessions and notifications, so logins appear and vanish between requests, and a tab sees only the notifications sent through its own worker.',
    );
  }
  logger.log(`Starting ${workers} workers on port ${config.port}`);
  for (let i = 0; i < workers; i++) {
    cluster.fork();
  }
  const startedAt = Date.now();
  cluster.on('exit', (worker, code, signal) => {
    if (Date.now() - startedAt < 5_000) {
      // Dying while starting (a taken port, a bad setting) would only die again: stop here.
      logger.error(`Worker ${worker.process.pid} exited while starting (${signal ?? code}); stopping.`);
      process.exit(1);
    }
    logger.warn(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    cluster.fork();
  });
} else {
  await import('./main.js');
}
