import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { REDIS_SERVED_ENDPOINT } from './microservice/redis-transport.js';
import { readSampleConfig } from './sample.config.js';
import { createSampleApp } from './sample-app.factory.js';

const logger = new Logger('Sample');

async function bootstrap() {
  const config = readSampleConfig();
  if (config.sessionSecretIsDefault) {
    logger.warn('SESSION_SECRET is not set: sessions are signed with a development default. Set it outside development.');
  }
  const app = await createSampleApp(config);
  if (config.sessionStore === 'redis') {
    logger.log(`Sessions are kept in Redis at ${config.redisUrl}, shared by every instance.`);
  }
  app.enableShutdownHooks();
  if (config.microservice === 'redis') {
    await app.startAllMicroservices().catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`MICROSERVICE=redis: cannot reach Redis at ${config.redisUrl} (${reason}): is redis-server running there?`);
    });
    logger.log(`The ${REDIS_SERVED_ENDPOINT} functions are also served over Redis at ${config.redisUrl} (try: npm run sample:redis-caller).`);
  }
  // Fastify listens on localhost alone unless told; every interface, as Express does by default.
  await (config.adapter === 'fastify' ? app.listen(config.port, '0.0.0.0') : app.listen(config.port));
  logger.log(`weeRPC sample on http://localhost:${config.port}/ with ${config.adapter} (endpoints under /rpc, data in ${config.dataDir})`);
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
