import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isFullRun, parseBenchOptions } from '../../bench/bench-options.js';
import type { RoundSample, ServerResult } from '../../bench/http/http-suite.js';
import { checkTargets, toRows } from '../../bench/report/bench-report.js';
import { summarizeCpuProfile } from '../../bench/report/cpu-profile.summary.js';
import { median, percentile } from '../../bench/report/stats.js';
import { renderSvgChart } from '../../bench/report/svg-chart.js';
import { SERVERS } from '../../bench/servers/server-catalog.js';
import { redrawWsChart, writeWsReport } from '../../bench/report/ws-report-files.js';
import { renderWsChart } from '../../bench/report/ws-chart.js';
import { toWsReport, wsHeadline, wsTargetVerdict, type WsBenchReport } from '../../bench/report/ws-report.js';
import { isFullWsRun, parseWsBenchOptions } from '../../bench/ws/ws-bench-options.js';
import type { WsRoundSample, WsSuiteResult } from '../../bench/ws/ws-suite.js';

const round = (reqPerSec: number, p99Ms: number, cpuUsPerRequest: number): RoundSample => ({
  reqPerSec,
  p50Ms: p99Ms / 4,
  p99Ms,
  requests: reqPerSec * 2,
  cpuUsPerRequest,
  serverCpuPct: 99,
});

const result = (id: string, rounds: RoundSample[]): ServerResult => ({
  spec: SERVERS.find(spec => spec.id === id)!,
  rounds,
  peakRssBytes: 100 * 2 ** 20,
});

describe('bench options', () => {
  it('publishes (latest.*) only runs that measure everything at least as long as the defaults', () => {
    expect(isFullRun(parseBenchOptions([]))).toBe(true);
    expect(isFullRun(parseBenchOptions(['--rounds', '7', '--profile']))).toBe(true);
    expect(isFullRun(parseBenchOptions(['--quick']))).toBe(false);
    expect(isFullRun(parseBenchOptions(['--only', 'raw-http,weerpc-fastify']))).toBe(false);
    expect(isFullRun(parseBenchOptions(['--duration', '5']))).toBe(false);
    expect(isFullRun(parseBenchOptions(['--no-dispatch']))).toBe(false);
  });

  it('refuses unknown servers and options with the usage, and echoes the command', () => {
    expect(() => parseBenchOptions(['--only', 'nope'])).toThrow(/unknown server nope\nnpm run bench/);
    expect(() => parseBenchOptions(['--bogus'])).toThrow(/--bogus/);
    expect(() => parseBenchOptions(['--rounds', '0'])).toThrow(/--rounds must be a positive number/);
    expect(parseBenchOptions(['--quick']).command).toBe('npm run bench -- --quick');
  });
});

describe('bench statistics', () => {
  it('takes nearest-rank percentiles and medians', () => {
    const values = Float64Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('bench report', () => {
  const results = [
    result('raw-http', [round(40_000, 1, 20), round(30_000, 1, 25), round(50_000, 1, 20)]),
    result('nest-express', [round(10_000, 2, 100), round(9_000, 2, 100), round(11_000, 2, 100)]),
    result('weerpc-express', [round(9_000, 3, 110), round(8_000, 3, 110), round(10_000, 3, 110)]),
    result('weerpc-guarded-express', [round(8_600, 2, 115), round(8_000, 2, 115), round(9_000, 2, 115)]),
    result('nest-fastify', [round(20_000, 1, 25), round(20_000, 1, 25), round(20_000, 1, 25)]),
    result('weerpc-fastify', [round(19_000, 1, 25), round(20_000, 1, 25), round(21_000, 1, 25)]),
  ];

  it('reports medians and ratios to the plain controller of the same adapter and to node:http', () => {
    const rows = toRows(results);
    const bare = rows.find(row => row.id === 'weerpc-express')!;
    expect(bare.median).toEqual({ reqPerSec: 9_000, p50Ms: 0.75, p99Ms: 3, cpuUsPerRequest: 110, serverCpuPct: 99 });
    expect(bare.reqPerSecVsPlain).toBeCloseTo(0.9);
    expect(bare.p99VsPlain).toBeCloseTo(1.5);
    expect(bare.cpuBoundVsPlain).toBeCloseTo(100 / 110);
    expect(bare.reqPerSecVsRaw).toBeCloseTo(9_000 / 40_000);
    expect(bare.peakRssMb).toBe(100);
    expect(rows.find(row => row.id === 'weerpc-fastify')!.reqPerSecVsPlain).toBeCloseTo(1);
  });

  it('checks the targets of the issue, with the estimate against the reference on Fastify', () => {
    const checks = checkTargets(toRows(results));
    const byTarget = new Map(checks.map(check => [check.target, check]));
    expect(byTarget.get('express: nestjs-weerpc req/s vs plain Nest controller')).toMatchObject({ value: 0.9, met: false });
    expect(byTarget.get('express: nestjs-weerpc p99 vs plain Nest controller')).toMatchObject({ value: 1.5, met: false });
    expect(byTarget.get('express: with guard + interceptor, req/s vs plain Nest controller')).toMatchObject({ value: 0.86, met: true });
    expect(byTarget.get('fastify: nestjs-weerpc req/s vs plain Nest controller')).toMatchObject({ value: 1, met: true });
    expect(byTarget.get('fastify: req/s vs Flask-RPC under gunicorn (estimate)')).toMatchObject({ value: 5.556, met: true });
    // No guarded Fastify server ran: no target about it.
    expect(checks.some(check => check.target.startsWith('fastify: with guard'))).toBe(false);
  });

  it('draws one bar per server and escapes the caption', () => {
    const svg = renderSvgChart(toRows(results), {
      command: 'npm run bench -- --only a&b',
      machine: { cpu: 'CPU <x>', cores: 2, node: 'v20', os: 'linux', memoryGb: 4, loadAverageAtStart: 0 },
      pinning: 'pinned',
      date: '2026-01-01',
    });
    expect(svg.match(/<rect /g)).toHaveLength(results.length + 1); // + the background
    expect(svg).toContain('--only a&amp;b');
    expect(svg).toContain('CPU &lt;x&gt;');
    expect(svg).toContain('9,000 req/s · 0.90× plain');
  });
});

describe('WebSocket bench options', () => {
  it('compares at 10 and 64 calls in flight by default, publishing (ws-latest.*) only runs at least that long', () => {
    const defaults = parseWsBenchOptions([]);
    expect(defaults).toMatchObject({ rounds: 5, seconds: 5, inFlight: [10, 64], chartFrom: null, command: 'npm run bench:ws' });
    expect(isFullWsRun(defaults)).toBe(true);
    expect(isFullWsRun(parseWsBenchOptions(['--rounds', '7', '--in-flight', '1,10,64']))).toBe(true);
    expect(isFullWsRun(parseWsBenchOptions(['--duration', '1']))).toBe(false);
    expect(isFullWsRun(parseWsBenchOptions(['--in-flight', '10']))).toBe(false);
    expect(parseWsBenchOptions(['--in-flight', '1, 32']).inFlight).toEqual([1, 32]);
  });

  it('refuses more calls in flight than the endpoint allows, and unknown options, with the usage', () => {
    expect(() => parseWsBenchOptions(['--in-flight', '10,65'])).toThrow(/maxInFlight\nnpm run bench:ws/);
    expect(() => parseWsBenchOptions(['--in-flight', '10,x'])).toThrow(/--in-flight must be a positive number/);
    expect(() => parseWsBenchOptions(['--window', '64'])).toThrow(/--window/);
  });
});

describe('WebSocket bench report', () => {
  const sample = (callsPerSec: number, cpuUsPerCall: number): WsRoundSample => ({
    callsPerSec,
    calls: callsPerSec * 5,
    cpuUsPerCall,
    serverCpuPct: 98,
  });
  const results: WsSuiteResult[] = [
    {
      adapter: 'express',
      inFlight: 10,
      http: [sample(3_000, 300), sample(2_000, 320), sample(4_000, 280)],
      ws: [sample(18_000, 50), sample(20_000, 48), sample(22_000, 52)],
    },
    {
      adapter: 'fastify',
      inFlight: 10,
      http: [sample(10_000, 90), sample(9_000, 100), sample(11_000, 95)],
      ws: [sample(19_000, 45), sample(20_000, 50), sample(18_000, 48)],
    },
    {
      adapter: 'fastify',
      inFlight: 64,
      http: [sample(12_000, 80), sample(12_000, 80), sample(12_000, 80)],
      ws: [sample(48_000, 20), sample(48_000, 20), sample(48_000, 20)],
    },
  ];
  const report: WsBenchReport = toWsReport(results, {
    date: '2026-12-02T05:00:00.000Z',
    command: 'npm run bench:ws -- --rounds 3',
    machine: { cpu: 'CPU <x>', cores: 2, node: 'v20', os: 'linux', memoryGb: 4, loadAverageAtStart: 1.5 },
    pinning: 'pinned',
    loadAverage: { start: [1.5, 1, 0.5], end: [2.25, 1.2, 0.6] },
    settings: { rounds: 3, warmupSeconds: 1, seconds: 5, inFlight: [10, 64] },
  });

  it('compares medians of the same adapter and level, with every round, the spread and the CPU-bound ratio', () => {
    const express = report.comparisons.find(comparison => comparison.adapter === 'express')!;
    expect(express.http.median).toEqual({ callsPerSec: 3_000, cpuUsPerCall: 300, serverCpuPct: 98 });
    expect([express.http.min, express.http.max]).toEqual([2_000, 4_000]);
    expect(express.ratio).toBeCloseTo(20_000 / 3_000);
    expect(express.roundRatios).toEqual([6, 10, 5.5]);
    expect(express.cpuBoundRatio).toBeCloseTo(300 / 50);
    expect(express.ws.rounds).toHaveLength(3);
  });

  it("checks the issue's target (≥ 2× HTTP on Fastify) at each level and says so in one line", () => {
    expect(report.targets).toEqual([
      expect.objectContaining({ target: 'fastify: one WebSocket vs HTTP keep-alive, 10 calls in flight', value: 1.9, met: false }),
      expect.objectContaining({ target: 'fastify: one WebSocket vs HTTP keep-alive, 64 calls in flight', value: 4, met: true }),
    ]);
    expect(wsHeadline(report)).toBe('one WebSocket is 1.90× HTTP keep-alive on Fastify, 6.67× on Express (10 calls in flight)');
    expect(wsTargetVerdict(report)).toBe('target ≥ 2× on Fastify: NOT met');
    expect(wsTargetVerdict(toWsReport(results.slice(0, 1), report))).toBe('target ≥ 2× on Fastify: not measured');
  });

  it('writes the report as JSON and draws the same chart again from that JSON alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weerpc-ws-bench-'));
    try {
      const [json, svg] = writeWsReport(report, dir, 'ws-latest');
      const drawn = readFileSync(svg, 'utf8');
      expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(report);
      rmSync(svg);
      expect(redrawWsChart(json)).toBe(svg);
      expect(readFileSync(svg, 'utf8')).toBe(drawn);
      expect(drawn).toBe(renderWsChart(report));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws both transports per adapter and level, labelled with the ratio, the spread, the target and the load', () => {
    const svg = renderWsChart(report);
    expect(svg.match(/<rect /g)).toHaveLength(2 * results.length + 1); // + the background
    expect(svg).toContain('>10 calls in flight<');
    expect(svg).toContain('>64 calls in flight<');
    expect(svg).toContain('HTTP keep-alive, 10 connections (Express)');
    expect(svg).toContain('20,000 calls/s · ±10% · 6.67× HTTP');
    expect(svg).toContain('3,000 calls/s · ±33%');
    expect(svg).toContain('target ≥ 2× on Fastify: NOT met');
    expect(svg).toContain('CPU &lt;x&gt;');
    expect(svg).toContain('load average (1, 5, 15 min) 1.50 1.00 0.50 before, 2.25 1.20 0.60 after; the machine is shared');
    expect(svg).toContain('npm run bench:ws -- --rounds 3 · 2026-12-02');
  });
});

describe('cpu profile summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weerpc-profile-'));
  const file = join(dir, 'test.cpuprofile');
  const own = pathToFileURL(join(process.cwd(), 'dist-bench', 'lib', 'dispatch', 'weerpc.dispatcher.js')).href;
  writeFileSync(
    file,
    JSON.stringify({
      startTime: 1_000,
      endTime: 2_000,
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: { functionName: 'dispatch', url: own, lineNumber: 9 } },
        { id: 3, callFrame: { functionName: 'pipesFn', url: 'file:///x/node_modules/@nestjs/core/helpers/ecc.js', lineNumber: 0 } },
        { id: 4, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
        { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      ],
      // Sample times: 1100 (idle), 1200, 1300, 1400, 1500, 1600.
      samples: [4, 2, 3, 2, 2, 5],
      timeDeltas: [100, 100, 100, 100, 100, 100],
    }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sums self time per function, leaves idle out and names places by package or repo path', () => {
    const summary = summarizeCpuProfile(file);
    expect(summary.window).toBe('whole run');
    expect(summary.totalMs).toBe(1); // 500 µs, rounded
    expect(summary.top[0]).toEqual({ name: 'dispatch', where: 'lib/dispatch/weerpc.dispatcher.js:10', selfMs: 0.3, sharePct: 60 });
    expect(summary.topOwn.map(entry => entry.name)).toEqual(['dispatch']);
    expect(summary.byOrigin).toEqual([
      { origin: 'lib/', sharePct: 60 },
      { origin: '@nestjs/core', sharePct: 20 },
      { origin: '(garbage collector)', sharePct: 20 },
    ]);
  });

  it('counts only the samples after the measured phase began', () => {
    const summary = summarizeCpuProfile(file, 1_350);
    expect(summary.window).toBe('measured');
    expect(summary.top.map(entry => [entry.name, entry.sharePct])).toEqual([
      ['dispatch', 66.7],
      ['(garbage collector)', 33.3],
    ]);
    // A mark outside the profile (another clock) is ignored rather than emptying the summary.
    expect(summarizeCpuProfile(file, 5_000).window).toBe('whole run');
  });
});
