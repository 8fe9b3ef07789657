/**
 * `npm run bench:ws [-- --rounds N --warmup S --duration S --in-flight 10,64]`: calls/s of the
 * same `add_numbers`, on the same server process, over HTTP keep-alive (autocannon, N connections,
 * one request each in flight) and over one WebSocket (N calls in flight), on Express and Fastify;
 * the server pinned to CPU 0 and this driver to CPU 1 where taskset exists, rounds interleaved.
 * Prints the table and the load average, and writes bench/results/ws-latest.json and
 * ws-latest.svg (the chart the README shows); a shorter run writes ws-partial.* instead.
 * `--chart-from bench/results/ws-latest.json` redraws the chart from a report without measuring.
 * `--sessions` measures what live sessions cost per socket call instead (memory and Redis stores).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pinLoadGenerator } from '../http/cpu-pinning.js';
import { machineInfo } from '../report/machine-info.js';
import { targetTable, toMarkdown, toText, wsTable } from '../report/table-report.js';
import { redrawWsChart, writeWsReport } from '../report/ws-report-files.js';
import { toWsReport, wsHeadline, wsTargetVerdict, type WsBenchReport } from '../report/ws-report.js';
import { isFullWsRun, parseWsBenchOptions, WS_USAGE, type WsBenchOptions } from './ws-bench-options.js';
import { runWsSessionSuite, wsSessionTable } from './ws-session-suite.js';
import { runWsSuite } from './ws-suite.js';
import { runBenchCli } from '../bench-cli.js';

const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
const log = (line = '') => process.stdout.write(`${line}\n`);
const loadAverage = () => loadavg().map(value => Math.round(value * 100) / 100);

function printReport(report: WsBenchReport): void {
  log(`\n${toText(wsTable(report))}`);
  log(`\n${toText(targetTable(report.targets))}`);
  log(`\nmarkdown:\n\n${toMarkdown(wsTable(report))}`);
  log(`\n${wsHeadline(report)}; ${wsTargetVerdict(report)}`);
  log(`load average (1, 5, 15 min): ${report.loadAverage.start.join(' ')} before, ${report.loadAverage.end.join(' ')} after`);
}

async function main(options: WsBenchOptions): Promise<void> {
  if (options.chartFrom !== null) {
    log(`redrew ${redrawWsChart(options.chartFrom)} from ${options.chartFrom}`);
    return;
  }
  if (options.sessions) {
    await measureSessions(options);
    return;
  }
  const started = Date.now();
  const machine = machineInfo();
  const start = loadAverage();
  const pinning = pinLoadGenerator();
  log(options.command);
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${start.join(' ')}; ${pinning.note}`);
  log(
    `${options.rounds} rounds × (${options.warmupSeconds}s warm-up + ${options.seconds}s measured) per transport, ` +
      `${options.inFlight.join(' and ')} calls in flight`,
  );
  const results = await runWsSuite({ ...options, serverCpu: pinning.serverCpu }, log);
  const report = toWsReport(results, {
    date: new Date().toISOString(),
    command: options.command,
    machine,
    pinning: pinning.note,
    loadAverage: { start, end: loadAverage() },
    settings: { rounds: options.rounds, warmupSeconds: options.warmupSeconds, seconds: options.seconds, inFlight: [...options.inFlight] },
  });
  const written = writeWsReport(report, RESULTS_DIR, isFullWsRun(options) ? 'ws-latest' : 'ws-partial');
  printReport(report);
  log(`\nwrote ${written.join(' and ')} in ${Math.round((Date.now() - started) / 1000)}s`);
}

/** `--sessions`: what a live session (a store read per socket call) costs, memory and Redis stores, both adapters. */
async function measureSessions(options: WsBenchOptions): Promise<void> {
  const pinning = pinLoadGenerator();
  const machine = machineInfo();
  const inFlight = options.inFlight[0];
  log(options.command);
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${loadAverage().join(' ')}; ${pinning.note}`);
  log(`${options.rounds} rounds × (${options.warmupSeconds}s warm-up + ${options.seconds}s measured), one socket, ${inFlight} calls in flight`);
  const samples = await runWsSessionSuite({ ...options, inFlight, serverCpu: pinning.serverCpu }, log);
  log(`\nmarkdown (medians):\n\n${wsSessionTable(samples)}`);
  log(`\nload average (1, 5, 15 min) after: ${loadAverage().join(' ')}`);
}

runBenchCli(WS_USAGE, parseWsBenchOptions, main);
