import autocannon from 'autocannon';
import { isLoadAnswer, LOAD_REQUEST } from './answer-check.js';
import { percentile } from '../report/stats.js';

/** How hard and how long to drive a server. */
export interface LoadSettings {
  readonly connections: number;
  readonly seconds: number;
}

/** One measured run against one server. */
export interface LoadSample {
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

/**
 * Drives `url` with autocannon for `seconds` and fails loudly when any answer is wrong, not 2xx,
 * an error or a timeout. Latencies are kept at full (sub-millisecond) precision here, because
 * autocannon's own histogram rounds them to whole milliseconds.
 */
export async function runLoad(url: string, settings: LoadSettings): Promise<LoadSample> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: LOAD_REQUEST,
    connections: settings.connections,
    duration: settings.seconds,
    verifyBody: isLoadAnswer,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const problems = { mismatches: result.mismatches, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts };
  if (Object.values(problems).some(count => count > 0) || result.requests.total === 0) {
    throw new Error(`bad answers under load from ${url}: ${JSON.stringify({ ...problems, total: result.requests.total })}`);
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    reqPerSec: result.requests.total / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    requests: result.requests.total,
  };
}
