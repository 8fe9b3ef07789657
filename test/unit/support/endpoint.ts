import { toAccessRules } from '../../../lib/auth/access-rules.js';
import type { RpcEndpoint, RpcFunctionEntry } from '../../../lib/endpoints/rpc-endpoint.interface.js';
import type { RpcInvoker } from '../../../lib/invoke/rpc-invoker.js';
import { WeeRpcDispatcher } from '../../../lib/dispatch/weerpc.dispatcher.js';
import type { RpcCaller } from '../../../lib/interfaces/rpc-caller.interface.js';
import type { RpcSessionRule } from '../../../lib/interfaces/rpc-access-rules.interface.js';
import type { RpcProtocolName } from '../../../lib/interfaces/weerpc-options.interface.js';
import { FAILURES } from '../../../lib/outcome/rpc-failures.js';
import { createProtocolSet } from '../../../lib/protocol/weerpc-protocol-set.js';
import type { WeeRpcTelemetry } from '../../../lib/telemetry/weerpc-telemetry.js';

/** One function of a hand-built endpoint: its invoker, and its own rules. */
export interface UnitFunction {
  readonly invoke: RpcInvoker;
  readonly sessionAuth?: RpcSessionRule;
  readonly hostAuth?: readonly string[];
}

/** What a unit spec sets on its endpoint; everything else as the builder's defaults. */
export interface UnitEndpointOptions {
  readonly functions: Record<string, UnitFunction>;
  readonly sessionAuth?: RpcSessionRule;
  readonly hostAuth?: readonly string[];
  readonly bodyLimit?: number;
  readonly maxDepth?: number;
  readonly protocols?: readonly RpcProtocolName[];
}

/** An endpoint as the builder makes one, with plain invokers: the core's input, without Nest's bootstrap. */
export function unitEndpoint(options: UnitEndpointOptions): RpcEndpoint {
  const protocols = createProtocolSet({ protocols: options.protocols, maxDepth: options.maxDepth });
  const table = new Map<string, RpcFunctionEntry>(
    Object.entries(options.functions).map(([name, fn]) => [
      name,
      { name, place: `Unit#${name}`, access: toAccessRules(fn.sessionAuth, fn.hostAuth), invoke: fn.invoke },
    ]),
  );
  const codec = protocols.first;
  return {
    path: '/rpc',
    access: toAccessRules(options.sessionAuth, options.hostAuth),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    bodyTimeout: 0,
    streamKeepAlive: 0,
    codec,
    protocols,
    table,
    answers: {
      tooLarge: codec.answer(FAILURES.tooLarge, null),
      timedOut: codec.answer(FAILURES.timedOut, null),
      internalError: codec.answer(FAILURES.internal, null),
    },
    ws: null,
    mcp: null,
  };
}

/** The core without telemetry (no OpenTelemetry SDK registered). */
export function unitDispatcher(): WeeRpcDispatcher {
  return new WeeRpcDispatcher({ instrument: null } as WeeRpcTelemetry);
}

/** A caller as HTTP describes one. */
export function unitCaller(overrides: Partial<RpcCaller> = {}): RpcCaller {
  return { host: 'localhost:3000', session: {}, headers: {}, streams: 'none', request: {}, response: {}, ...overrides };
}
