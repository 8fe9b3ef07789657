import { HttpTransport } from './http.transport.js';
import type { RpcTransport } from './rpc-transport.interface.js';
import type { RpcTransportOptions } from './rpc-transport.options.js';
import { WsTransport } from './ws.transport.js';

/** The transport the URL asks for: `ws:`/`wss:` for one WebSocket, anything else HTTP. `protocol` names the answers' protocol in errors. */
export function createTransport(options: RpcTransportOptions, protocol: string): RpcTransport {
  return /^wss?:/i.test(options.url) ? new WsTransport(options, protocol) : new HttpTransport(options, protocol);
}
