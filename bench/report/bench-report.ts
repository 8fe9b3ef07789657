import { summarize, type ServerResult, type ServerSummary } from '../http/http-suite.js';
import type { ServerAdapter, ServerKind } from '../servers/server-catalog.js';

/** One server's line of the report. */
export interface ServerRow {
  readonly id: string;
  readonly label: string;
  readonly adapter: ServerAdapter;
  readonly kind: ServerKind;
  readonly median: ServerSummary | null;
  readonly peakRssMb: number | null;
  /** Median req/s and p99 over the plain Nest controller's on the same adapter, and req/s over node:http's. */
  readonly reqPerSecVsPlain: number | null;
  readonly p99VsPlain: number | null;
  readonly reqPerSecVsRaw: number | null;
  /**
   * The plain controller's server CPU per request over ours: the req/s ratio the two would show
   * if each had its CPU to itself (a saturated server's req/s is 1 / CPU per request). It holds
   * on a busy, shared machine, where req/s ratios swing with the neighbours.
   */
  readonly cpuBoundVsPlain: number | null;
  readonly rounds: ServerResult['rounds'];
}

/** A target of the issue, checked against this run (reported, never asserted). */
export interface TargetCheck {
  readonly target: string;
  readonly value: number | null;
  /** For a req/s target: the same ratio from server CPU per request (see `ServerRow.cpuBoundVsPlain`). */
  readonly cpuBound: number | null;
  readonly limit: number;
  readonly comparison: '>=' | '<=';
  /** `null` when the servers it needs did not run. */
  readonly met: boolean | null;
  readonly note?: string;
}

/**
 * The reference (Flask-RPC under gunicorn) measured about 0.18× a plain Nest-on-Fastify route on
 * the issue author's machine, so our Fastify ratio / 0.18 estimates the speed-up over it.
 */
export const REFERENCE_VS_PLAIN_FASTIFY = 0.18;

const roundTo = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** `value / base`, or `null` when either is missing. */
function ratio(value: number | undefined, base: number | undefined): number | null {
  return value === undefined || base === undefined || base === 0 ? null : value / base;
}

export function toRows(results: readonly ServerResult[]): ServerRow[] {
  const medianOf = (result: ServerResult | undefined) => (result ? summarize(result) : undefined);
  const raw = medianOf(results.find(result => result.spec.kind === 'raw'));
  return results.map(result => {
    const median = medianOf(result);
    const plain = medianOf(results.find(other => other.spec.adapter === result.spec.adapter && other.spec.kind === 'plain'));
    return {
      id: result.spec.id,
      label: result.spec.label,
      adapter: result.spec.adapter,
      kind: result.spec.kind,
      median: median ?? null,
      peakRssMb: result.peakRssBytes > 0 ? roundTo(result.peakRssBytes / 2 ** 20, 1) : null,
      reqPerSecVsPlain: ratio(median?.reqPerSec, plain?.reqPerSec),
      p99VsPlain: ratio(median?.p99Ms, plain?.p99Ms),
      reqPerSecVsRaw: ratio(median?.reqPerSec, raw?.reqPerSec),
      cpuBoundVsPlain: ratio(plain?.cpuUsPerRequest, median?.cpuUsPerRequest),
      rounds: result.rounds,
    };
  });
}

/** A `TargetCheck` of `value` against `limit`, ratios rounded to three places. */
export function check(
  target: string,
  value: number | null,
  comparison: '>=' | '<=',
  limit: number,
  cpuBound: number | null = null,
  note?: string,
): TargetCheck {
  const met = value === null ? null : comparison === '>=' ? value >= limit : value <= limit;
  const rounded = (ratio: number | null) => (ratio === null ? null : roundTo(ratio, 3));
  return { target, value: rounded(value), cpuBound: rounded(cpuBound), limit, comparison, met, ...(note ? { note } : {}) };
}

/** The targets, for each adapter that ran. */
export function checkTargets(rows: readonly ServerRow[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const find = (kind: ServerKind, adapter: ServerAdapter) => rows.find(row => row.kind === kind && row.adapter === adapter);
  for (const adapter of ['express', 'fastify'] as const) {
    const bare = find('weerpc', adapter);
    const guarded = find('weerpc-guarded', adapter);
    if (bare) {
      checks.push(check(`${adapter}: nestjs-weerpc req/s vs plain Nest controller`, bare.reqPerSecVsPlain, '>=', 0.95, bare.cpuBoundVsPlain));
      checks.push(check(`${adapter}: nestjs-weerpc p99 vs plain Nest controller`, bare.p99VsPlain, '<=', 1.2));
    }
    if (guarded) {
      const nestGuarded = find('plain-guarded', adapter);
      const context =
        nestGuarded?.reqPerSecVsPlain == null
          ? undefined
          : `Nest's own controller with the same guard + interceptor: ${nestGuarded.reqPerSecVsPlain.toFixed(2)}× (CPU-bound ${nestGuarded.cpuBoundVsPlain?.toFixed(2)}×)`;
      checks.push(
        check(
          `${adapter}: with guard + interceptor, req/s vs plain Nest controller`,
          guarded.reqPerSecVsPlain,
          '>=',
          0.85,
          guarded.cpuBoundVsPlain,
          context,
        ),
      );
    }
  }
  const fastify = find('weerpc', 'fastify');
  if (fastify) {
    const estimate = (ratio: number | null) => (ratio === null ? null : ratio / REFERENCE_VS_PLAIN_FASTIFY);
    checks.push(
      check(
        'fastify: req/s vs Flask-RPC under gunicorn (estimate)',
        estimate(fastify.reqPerSecVsPlain),
        '>=',
        5,
        estimate(fastify.cpuBoundVsPlain),
        `our Fastify ratio / ${REFERENCE_VS_PLAIN_FASTIFY} (the reference's ratio to plain Nest on Fastify)`,
      ),
    );
  }
  return checks;
}
