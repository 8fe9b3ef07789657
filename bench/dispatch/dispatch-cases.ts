import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { resultToOutcome } from '../../lib/dispatch/outcome.mapper.js';
import { WeeRpcDispatcher } from '../../lib/dispatch/weerpc.dispatcher.js';
import { WeeRpcEndpoints } from '../../lib/endpoints/weerpc-endpoints.js';
import type { RpcBodyInput } from '../../lib/dispatch/rpc-input.js';
import { WeeRpcTelemetry } from '../../lib/telemetry/weerpc-telemetry.js';
import type { RpcAnswer } from '../../lib/outcome/rpc-answer.interface.js';
import type { RpcCaller } from '../../lib/interfaces/rpc-caller.interface.js';
import { WEERPC_1_1_CODEC } from '../../lib/protocol/weerpc.codec.js';
import { BareMathService, BareWeeRpcModule, GuardedWeeRpcModule, mathServiceWith, weeRpcModuleFor } from '../servers/weerpc.server.js';
import { WITH_GUARD, WITH_INTERCEPTOR } from '../servers/bench-enhancers.js';
import type { DispatchCaseId } from './dispatch-case-ids.js';
import { registerBenchTelemetry } from './telemetry-sdk.setup.js';

/** One way of answering the same parsed call, measured in-process. */
export interface DispatchCase {
  readonly id: DispatchCaseId;
  readonly label: string;
  readonly run: () => Promise<RpcAnswer> | RpcAnswer;
  /** Whether the app's bootstrap turned call telemetry on (only `traced` may). */
  readonly instrumented?: boolean;
  close(): Promise<void>;
}

/** The caller and the parsed body every case answers, as the HTTP layer would hand them over. */
const CALLER: RpcCaller = {
  host: '127.0.0.1',
  session: undefined,
  headers: { accept: 'application/json' },
  streams: 'none',
  request: { headers: {} },
  response: {},
};
const INPUT: RpcBodyInput = {
  contentType: 'application/json',
  body: { kind: 'parsed', value: { weerpc: 1.1, function: 'add_numbers', data: [1, 2, 3] } },
};

/** The body every case must answer with. */
export const EXPECTED_ANSWER = '{"weerpc":1.1,"ok":true,"message":"Function \'add_numbers\' executed successfully","data":6}';

async function initApp(module: Type): Promise<INestApplication> {
  const app = await NestFactory.create(module, { logger: false });
  await app.init();
  return app;
}

/** The dispatcher with one of the bench modules' endpoints, built as at bootstrap. */
async function dispatcherCase(id: DispatchCaseId, label: string, module: Type): Promise<DispatchCase> {
  const app = await initApp(module);
  const [endpoint] = app.get(WeeRpcEndpoints).all();
  const dispatcher = app.get(WeeRpcDispatcher);
  const instrumented = app.get(WeeRpcTelemetry).instrument !== null;
  if (instrumented && id !== 'traced') {
    throw new Error(`the ${id} case must run without call telemetry`);
  }
  return { id, label, instrumented, run: () => dispatcher.execute(endpoint, CALLER, INPUT), close: () => app.close() };
}

/** Builds a case: `direct` is the floor (the method and the encoder, nothing between). */
export async function createDispatchCase(id: DispatchCaseId): Promise<DispatchCase> {
  if (id === 'bare') {
    return dispatcherCase(id, 'dispatcher, bare', BareWeeRpcModule);
  }
  if (id === 'guard') {
    return dispatcherCase(id, 'dispatcher, guard only', weeRpcModuleFor(mathServiceWith(WITH_GUARD)));
  }
  if (id === 'interceptor') {
    return dispatcherCase(id, 'dispatcher, interceptor only', weeRpcModuleFor(mathServiceWith(WITH_INTERCEPTOR)));
  }
  if (id === 'guarded') {
    return dispatcherCase(id, 'dispatcher, guard + interceptor', GuardedWeeRpcModule);
  }
  if (id === 'traced') {
    const shutdown = registerBenchTelemetry();
    const traced = await dispatcherCase(id, 'dispatcher, bare, OpenTelemetry SDK on', BareWeeRpcModule);
    if (!traced.instrumented) {
      throw new Error('the traced case booted without call telemetry: is @opentelemetry/api installed?');
    }
    return { ...traced, close: () => traced.close().then(shutdown) };
  }
  const app = await initApp(BareWeeRpcModule);
  const service = app.get(BareMathService);
  return {
    id,
    label: 'method + encoder only (floor)',
    run: () => WEERPC_1_1_CODEC.answer(resultToOutcome(service.add([1, 2, 3]))),
    close: () => app.close(),
  };
}
