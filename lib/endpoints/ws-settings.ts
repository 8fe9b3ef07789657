import { normalizeOrigins } from '../auth/allowed-origins.js';
import type { WeeRpcWsOptions } from '../interfaces/weerpc-ws-options.interface.js';
import { DEFAULT_WS_HEARTBEAT_INTERVAL, DEFAULT_WS_IDLE_TIMEOUT, DEFAULT_WS_MAX_IN_FLIGHT } from '../weerpc.constants.js';
import { joinEndpointPath } from './endpoint-path.js';
import type { RpcWsSettings } from './rpc-endpoint.interface.js';

/** The endpoint's WebSocket settings with defaults filled in, or null when `ws` is off. */
export function toWsSettings(ws: boolean | WeeRpcWsOptions | undefined, globalPrefix: string, endpointPath: string): RpcWsSettings | null {
  if (!ws) {
    return null;
  }
  const options = ws === true ? {} : ws;
  return {
    path: joinEndpointPath(globalPrefix, options.path ?? endpointPath),
    maxInFlight: options.maxInFlight ?? DEFAULT_WS_MAX_IN_FLIGHT,
    idleTimeout: options.idleTimeout ?? DEFAULT_WS_IDLE_TIMEOUT,
    heartbeatInterval: options.heartbeatInterval ?? DEFAULT_WS_HEARTBEAT_INTERVAL,
    sessionRefresh: options.sessionRefresh ?? 0,
    allowedOrigins: normalizeOrigins(options.allowedOrigins),
  };
}
