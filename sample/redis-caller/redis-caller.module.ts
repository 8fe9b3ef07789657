import { Module, type DynamicModule } from '@nestjs/common';
import { ClientsModule, Transport } from '@nestjs/microservices';
import { redisOptionsFromUrl } from '../microservice/redis-url.js';
import { REDIS_CALLER_OPTIONS, SAMPLE_OVER_REDIS, SampleOverRedis, type RedisCallerOptions } from './sample-over-redis.service.js';

/**
 * The caller's only module: Nest's Redis client under `SAMPLE_OVER_REDIS`, and the service that
 * calls the sample's functions through it. No weeRPC package here: to the caller the sample is
 * a Nest microservice, and a function's name is its message pattern.
 */
@Module({})
export class RedisCallerModule {
  static register(options: RedisCallerOptions): DynamicModule {
    return {
      module: RedisCallerModule,
      imports: [ClientsModule.register([{ name: SAMPLE_OVER_REDIS, transport: Transport.REDIS, options: redisOptionsFromUrl(options.redisUrl) }])],
      providers: [SampleOverRedis, { provide: REDIS_CALLER_OPTIONS, useValue: options }],
    };
  }
}
