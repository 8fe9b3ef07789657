/**
 * The two doors of the MCP bench to the same `add_numbers` on the same server, and one measured
 * autocannon run through one of them (every answer checked).
 */
import autocannon from 'autocannon';
import type { ServerProcess } from '../http/server-process.js';

export interface Door {
  readonly name: 'mcp' | 'jsonrpc';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Whether an answer body is the right one (every answer under load is checked). */
  readonly check: (body: string) => boolean;
}

export const JSONRPC_DOOR: Door = {
  name: 'jsonrpc',
  path: '/rpc',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'add_numbers', params: [1, 2, 3] }),
  check: body => body === '{"jsonrpc":"2.0","result":6,"id":1}',
};

export const MCP_DOOR: Door = {
  name: 'mcp',
  path: '/rpc/mcp',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'add_numbers', arguments: { data: [1, 2, 3] } } }),
  check: body => body.includes('"result":{"content":[{"type":"text","text":"6"}]') && body.includes('"id":1'),
};

export const DOORS: readonly Door[] = [JSONRPC_DOOR, MCP_DOOR];

export interface Sample {
  readonly callsPerSec: number;
  readonly cpuMicrosPerCall: number;
}

/** Drives `door` for `seconds` at `connections`; throws on any wrong answer. */
export async function measure(server: ServerProcess, door: Door, connections: number, seconds: number): Promise<Sample> {
  const before = await server.clocks();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}${door.path}`,
    method: 'POST',
    headers: door.headers,
    body: door.body,
    connections,
    duration: seconds,
    verifyBody: door.check,
  });
  const after = await server.clocks();
  const bad = result.mismatches + result.non2xx + result.errors + result.timeouts;
  if (bad > 0 || result.requests.total === 0) {
    throw new Error(
      `bad ${door.name} answers under load: ${JSON.stringify({ mismatches: result.mismatches, non2xx: result.non2xx, errors: result.errors })}`,
    );
  }
  return { callsPerSec: result.requests.total / result.duration, cpuMicrosPerCall: (after.cpuMicros - before.cpuMicros) / result.requests.total };
}
