import { Module } from '@nestjs/common';
import { TesterService } from './tester.service.js';

/** Imports no `forFeature`, so its functions belong to the root endpoint `/rpc`. */
@Module({ providers: [TesterService] })
export class TesterModule {}
