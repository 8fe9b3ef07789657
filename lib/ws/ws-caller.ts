import type { RpcCaller } from '../interfaces/rpc-caller.interface.js';

/** What the upgrade request leaves for every call of the socket. */
export interface RpcWsPeer {
  readonly host: string | undefined;
  /** The adapter's request (Express `req`, Fastify `request`), with its `session` and headers. */
  readonly request: { session?: unknown; headers?: Readonly<Record<string, string | string[] | undefined>> };
  /** The upgrade's response (Express `res`, Fastify `reply`): its `locals` go to every call's response. */
  readonly response: { locals?: Record<string, unknown> };
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * A socket's caller, as the upgrade request left it: its host, its headers and its session — the
 * request's own (read now: a call that destroyed or replaced it is seen by the next), or `session`
 * when the surface read it from the store. Streams go out as messages, for the calls that ask with
 * `"stream": true`.
 */
export function callerOf(peer: RpcWsPeer, response: unknown, session: unknown = peer.request.session): RpcCaller {
  const { request } = peer;
  return { host: peer.host, session, headers: request.headers ?? NO_HEADERS, streams: 'messages', request, response };
}
