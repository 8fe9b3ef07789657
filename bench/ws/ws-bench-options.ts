import { parseArgs } from 'node:util';

/** The endpoint's default `ws.maxInFlight`: more calls in flight on one socket are refused by design. */
const MAX_IN_FLIGHT = 64;

/** What one `npm run bench:ws` does. */
export interface WsBenchOptions {
  readonly rounds: number;
  /** Warm-up of each transport and in-flight level, once per round, before the measured runs. */
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** The calls in flight to compare at: HTTP with that many keep-alive connections, one WebSocket with that many unanswered calls. */
  readonly inFlight: readonly number[];
  /** Re-render the chart from this report instead of measuring. */
  readonly chartFrom: string | null;
  /** Measure the cost of live sessions (a store read per socket call) instead: memory and Redis stores. */
  readonly sessions: boolean;
  /** The command line, as a user would type it to reproduce the run. */
  readonly command: string;
}

/** The command line, for `--help` and for mistakes. */
export const WS_USAGE = `npm run bench:ws -- [--rounds N] [--warmup S] [--duration S] [--in-flight N,N] [--chart-from file.json] [--sessions] [--help]`;

/** Parses the WebSocket bench's command line; throws the usage on anything unknown. */
export function parseWsBenchOptions(argv: string[]): WsBenchOptions {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        duration: { type: 'string' },
        'in-flight': { type: 'string' },
        'chart-from': { type: 'string' },
        sessions: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${WS_USAGE}`, { cause: error });
  }
  const number = (name: string, raw: string | undefined, fallback: number): number => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!(value > 0)) {
      throw new Error(`--${name} must be a positive number\n${WS_USAGE}`);
    }
    return value;
  };
  const inFlight = (values['in-flight'] ?? '10,64').split(',').map(item => Math.round(number('in-flight', item.trim(), 0)));
  if (inFlight.some(count => count > MAX_IN_FLIGHT)) {
    throw new Error(`--in-flight above ${MAX_IN_FLIGHT} would meet the endpoint's default ws.maxInFlight\n${WS_USAGE}`);
  }
  return {
    rounds: Math.round(number('rounds', values.rounds, 5)),
    warmupSeconds: number('warmup', values.warmup, 1),
    seconds: number('duration', values.duration, 5),
    inFlight,
    chartFrom: values['chart-from'] ?? null,
    sessions: values.sessions ?? false,
    command: ['npm run bench:ws', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' '),
  };
}

/** Whether a run measures at least as much as the defaults: only such a run replaces ws-latest.*; any other writes ws-partial.*. */
export function isFullWsRun(options: WsBenchOptions): boolean {
  const full = parseWsBenchOptions([]);
  return (
    options.chartFrom === null &&
    !options.sessions &&
    options.rounds >= full.rounds &&
    options.warmupSeconds >= full.warmupSeconds &&
    options.seconds >= full.seconds &&
    full.inFlight.every(count => options.inFlight.includes(count))
  );
}
