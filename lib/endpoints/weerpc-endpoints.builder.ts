import { Injectable, Logger } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { NO_ACCESS_RULES, toAccessRules } from '../auth/access-rules.js';
import { WeeRpcEndpointPlanner, type RpcEndpointPlan } from '../scanner/weerpc-endpoint.planner.js';
import { RpcFunctionTable } from '../scanner/function-table.js';
import { describeEndpoint } from '../openrpc/endpoint-description.js';
import { FAILURES } from '../outcome/rpc-failures.js';
import { createProtocolSet } from '../protocol/weerpc-protocol-set.js';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_BODY_TIMEOUT,
  DEFAULT_ENDPOINT_PATH,
  DEFAULT_STREAM_KEEP_ALIVE,
  WEERPC_LOGGER_CONTEXT,
} from '../weerpc.constants.js';
import { toMcpSettings } from './mcp-settings.js';
import { BootstrapMessages, McpMessages } from '../weerpc.messages.js';
import { joinEndpointPath } from './endpoint-path.js';
import { validateEndpointOptions } from './endpoint-options.validator.js';
import type { RpcEndpoint, RpcFunctionEntry } from './rpc-endpoint.interface.js';
import { WeeRpcInvokerFactory } from '../invoke/weerpc-invoker.factory.js';
import { toWsSettings } from './ws-settings.js';

/**
 * Builds every endpoint once, at bootstrap, from the planner's plans: the dispatch table with an
 * invoker per function, the protocol set, and the answers sent without a call.
 */
@Injectable()
export class WeeRpcEndpointsBuilder {
  constructor(
    private readonly planner: WeeRpcEndpointPlanner,
    private readonly applicationConfig: ApplicationConfig,
    private readonly invokerFactory: WeeRpcInvokerFactory,
  ) {}

  /** Builds every endpoint; `WeeRpcEndpoints` calls it once and owns what it returns. */
  build(): RpcEndpoint[] {
    const endpoints = this.planner.plan().map(plan => this.buildEndpoint(plan));
    const paths = new Set<string>();
    for (const { path } of endpoints) {
      if (paths.has(path.toLowerCase())) {
        throw new Error(BootstrapMessages.duplicateEndpoint(path));
      }
      paths.add(path.toLowerCase());
    }
    for (const { mcp } of endpoints) {
      if (mcp && paths.has(mcp.path.toLowerCase())) {
        throw new Error(McpMessages.pathTaken(mcp.path));
      }
      if (mcp?.tools.size === 0) {
        new Logger(WEERPC_LOGGER_CONTEXT).warn(McpMessages.noTools(mcp.path));
      }
    }
    return endpoints;
  }

  private buildEndpoint({ options, functions }: RpcEndpointPlan): RpcEndpoint {
    validateEndpointOptions(options);
    const path = joinEndpointPath(this.applicationConfig.getGlobalPrefix(), options.path ?? DEFAULT_ENDPOINT_PATH);
    const table = new RpcFunctionTable<RpcFunctionEntry>(path);
    for (const descriptor of functions) {
      table.add({
        name: descriptor.name,
        place: descriptor.place,
        access: descriptor.access,
        invoke: this.invokerFactory.forFunction(descriptor),
      });
    }
    for (const [name, fn] of Object.entries(options.functions ?? {})) {
      if (typeof fn !== 'function') {
        throw new Error(BootstrapMessages.invalidPlainFunction(name));
      }
      table.add({ name, place: `functions.${name}`, access: NO_ACCESS_RULES, invoke: this.invokerFactory.forPlainFunction(name, fn) });
    }
    const protocols = createProtocolSet(options);
    const prefix = this.applicationConfig.getGlobalPrefix();
    const codec = protocols.first;
    const access = toAccessRules(options.sessionAuth, options.hostAuth);
    return {
      path,
      access,
      bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      bodyTimeout: options.bodyTimeout ?? DEFAULT_BODY_TIMEOUT,
      streamKeepAlive: options.streamKeepAlive ?? DEFAULT_STREAM_KEEP_ALIVE,
      codec,
      protocols,
      table: table.functions,
      answers: {
        tooLarge: codec.answer(FAILURES.tooLarge, null),
        timedOut: codec.answer(FAILURES.timedOut, null),
        internalError: codec.answer(FAILURES.internal, null),
      },
      ws: toWsSettings(options.ws, prefix, options.path ?? DEFAULT_ENDPOINT_PATH),
      mcp: toMcpSettings({ path, globalPrefix: prefix, options, functions }),
      ...(options.discovery && { discovery: describeEndpoint({ path, protocols: protocols.names, access, options, functions }) }),
    };
  }
}
