import type { BenchAdapter } from '../servers/nest-app.factory.js';
import type { WsRoundSample, WsSuiteResult } from '../ws/ws-suite.js';
import { check, type TargetCheck } from './bench-report.js';
import type { MachineInfo } from './machine-info.js';
import { median } from './stats.js';

/** The target: calls/s over one WebSocket at least this many times HTTP keep-alive's, on Fastify. */
export const WS_TARGET_VS_HTTP_FASTIFY = 2;

/** One transport at one level: every round, the medians and the spread of calls/s. */
export interface TransportSummary {
  readonly rounds: WsRoundSample[];
  readonly median: { readonly callsPerSec: number; readonly cpuUsPerCall: number; readonly serverCpuPct: number };
  /** Lowest and highest calls/s of the rounds. */
  readonly min: number;
  readonly max: number;
}

/** HTTP keep-alive against one WebSocket, on one adapter, with the same calls in flight. */
export interface WsComparison {
  readonly adapter: BenchAdapter;
  readonly inFlight: number;
  readonly http: TransportSummary;
  readonly ws: TransportSummary;
  /** Median WebSocket calls/s over median HTTP calls/s. */
  readonly ratio: number;
  /** WebSocket over HTTP calls/s within each round (both measured on the same server, back to back). */
  readonly roundRatios: number[];
  /** HTTP's server CPU per call over WebSocket's: the ratio with a core to itself, steadier on a shared machine. */
  readonly cpuBoundRatio: number;
}

/** Everything `npm run bench:ws` writes to ws-latest.json; the chart is drawn from it alone. */
export interface WsBenchReport {
  readonly date: string;
  readonly command: string;
  readonly machine: MachineInfo;
  readonly pinning: string;
  /** 1, 5 and 15-minute load averages before and after the run: how busy the machine was besides us. */
  readonly loadAverage: { readonly start: number[]; readonly end: number[] };
  readonly settings: { readonly rounds: number; readonly warmupSeconds: number; readonly seconds: number; readonly inFlight: number[] };
  readonly comparisons: WsComparison[];
  readonly targets: TargetCheck[];
}

/** What the report is made of besides the measurements. */
export type WsReportContext = Omit<WsBenchReport, 'comparisons' | 'targets'>;

function summarizeTransport(rounds: WsRoundSample[]): TransportSummary {
  const calls = rounds.map(round => round.callsPerSec);
  return {
    rounds,
    median: {
      callsPerSec: median(calls),
      cpuUsPerCall: median(rounds.map(round => round.cpuUsPerCall)),
      serverCpuPct: median(rounds.map(round => round.serverCpuPct)),
    },
    min: Math.min(...calls),
    max: Math.max(...calls),
  };
}

/** Medians, ratios and the target for every adapter and level of a run. */
export function toWsReport(results: readonly WsSuiteResult[], context: WsReportContext): WsBenchReport {
  const comparisons = results
    .filter(result => result.http.length > 0 && result.ws.length === result.http.length)
    .map((result): WsComparison => {
      const http = summarizeTransport(result.http);
      const ws = summarizeTransport(result.ws);
      return {
        adapter: result.adapter,
        inFlight: result.inFlight,
        http,
        ws,
        ratio: ws.median.callsPerSec / http.median.callsPerSec,
        roundRatios: result.ws.map((round, index) => round.callsPerSec / result.http[index].callsPerSec),
        cpuBoundRatio: http.median.cpuUsPerCall / ws.median.cpuUsPerCall,
      };
    });
  const targets = comparisons
    .filter(comparison => comparison.adapter === 'fastify')
    .map(comparison =>
      check(
        `fastify: one WebSocket vs HTTP keep-alive, ${comparison.inFlight} calls in flight`,
        comparison.ratio,
        '>=',
        WS_TARGET_VS_HTTP_FASTIFY,
        comparison.cpuBoundRatio,
      ),
    );
  return { ...context, comparisons, targets };
}

const ADAPTER_NAMES: Record<BenchAdapter, string> = { express: 'Express', fastify: 'Fastify' };

/** `Express`, `Fastify`. */
export const adapterName = (adapter: BenchAdapter) => ADAPTER_NAMES[adapter];

/** The lowest level of calls in flight measured: the headline's. */
const headlineLevel = (report: WsBenchReport) => Math.min(...report.comparisons.map(comparison => comparison.inFlight));

/**
 * The run in one line, at the lowest level measured: "one WebSocket is 2.20× HTTP keep-alive on
 * Fastify, 6.82× on Express (10 calls in flight)".
 */
export function wsHeadline(report: WsBenchReport): string {
  const level = headlineLevel(report);
  const ratio = (adapter: BenchAdapter) =>
    report.comparisons.find(comparison => comparison.adapter === adapter && comparison.inFlight === level)?.ratio.toFixed(2);
  const [fastify, express] = [ratio('fastify'), ratio('express')];
  const parts = [fastify && `${fastify}× HTTP keep-alive on Fastify`, express && `${express}× ${fastify ? '' : 'HTTP keep-alive '}on Express`];
  return `one WebSocket is ${parts.filter(Boolean).join(', ')} (${level} calls in flight)`;
}

/** Whether the headline level met the target: "target ≥ 2× on Fastify: met" (or "NOT met", or "not measured"). */
export function wsTargetVerdict(report: WsBenchReport): string {
  const level = headlineLevel(report);
  const target = report.targets.find(candidate => candidate.target.endsWith(`, ${level} calls in flight`));
  const verdict = target?.met === true ? 'met' : target?.met === false ? 'NOT met' : 'not measured';
  return `target ≥ ${WS_TARGET_VS_HTTP_FASTIFY}× on Fastify: ${verdict}`;
}
