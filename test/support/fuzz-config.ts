import type { Parameters } from 'fast-check';

/**
 * One seed for every property of a run, from FUZZ_SEED or fresh, printed so that a failure
 * replays: `FUZZ_SEED=<seed> npm test -- test/hardening`. FUZZ_RUNS scales every property's
 * run count (`FUZZ_RUNS=10` for a long local hunt).
 */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS_FACTOR = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;

process.stderr.write(`[fuzz] FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${RUNS_FACTOR} (replay with these env vars)\n`);

let totalRuns = 0;

/** fast-check parameters for one property; counts the runs so a spec can report its total. */
export function fuzzParameters<T>(numRuns: number): Parameters<T> {
  const runs = Math.max(1, Math.round(numRuns * RUNS_FACTOR));
  totalRuns += runs;
  return { seed: FUZZ_SEED, numRuns: runs, endOnFailure: true };
}

/** Prints how many runs the spec asked for in total, with the seed again. */
export function reportFuzzRuns(spec: string): void {
  process.stderr.write(`[fuzz] ${spec}: ${totalRuns} runs so far in this file, FUZZ_SEED=${FUZZ_SEED}\n`);
}
