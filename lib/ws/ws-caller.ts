import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';
import type { RpcWsPeer } from './weerpc-ws.connection.js';

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A socket's caller, as the upgrade request left it: its host, its headers and its session (read
 * now: a call that destroyed or replaced it is seen by the next). Streams go out as messages,
 * for the calls that ask with `"stream": true`.
 */
export function callerOf(
  peer: RpcWsPeer,
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined,
  response: unknown,
): RpcCaller {
  const { request } = peer;
  return { host: peer.host, session: request.session, headers: headers ?? NO_HEADERS, streams: 'messages', request, response };
}
