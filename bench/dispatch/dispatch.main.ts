/**
 * The in-process dispatch benchmark, as a child of the driver (so that it can be pinned and
 * profiled alone): `node dispatch.main.js <seconds> <case,case,...>`. Prints one JSON line,
 * `{ cases: [{ id, label, callsPerSec, nsPerCall }], measuredFromMicros }`: each case's median
 * over rounds, and the monotonic clock (µs) when the measured rounds began, after the warm-up.
 */
import { median } from '../report/stats.js';
import { DISPATCH_CASE_IDS, type DispatchCaseId } from './dispatch-case-ids.js';
import { createDispatchCase, EXPECTED_ANSWER, type DispatchCase } from './dispatch-cases.js';

const ROUNDS = 3;
const BATCH = 1000;

/** Calls per second of `run`, called one after the other (each awaited) for `seconds`. */
async function callsPerSecond(run: DispatchCase['run'], seconds: number): Promise<number> {
  const budget = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let calls = 0;
  let elapsed: bigint;
  do {
    for (let i = 0; i < BATCH; i++) {
      await run();
    }
    calls += BATCH;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return calls / (Number(elapsed) / 1e9);
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2]);
  const ids = (process.argv[3] ?? DISPATCH_CASE_IDS.join(',')).split(',') as DispatchCaseId[];
  if (!(seconds > 0) || ids.some(id => !DISPATCH_CASE_IDS.includes(id))) {
    throw new Error(`usage: node dispatch.main.js <seconds> [${DISPATCH_CASE_IDS.join(',')}]`);
  }
  // One after the other, in the ids' order: `traced` registers the OpenTelemetry SDK, which only the
  // apps booted after it may see.
  const cases: DispatchCase[] = [];
  for (const id of [...ids].sort((a, b) => DISPATCH_CASE_IDS.indexOf(a) - DISPATCH_CASE_IDS.indexOf(b))) {
    cases.push(await createDispatchCase(id));
  }
  for (const candidate of cases) {
    const answer = await candidate.run();
    if (answer.status !== 200 || answer.body !== EXPECTED_ANSWER) {
      throw new Error(`${candidate.id} answered ${answer.status} ${answer.body}; expected 200 ${EXPECTED_ANSWER}`);
    }
    await callsPerSecond(candidate.run, seconds / 2); // warm-up
  }
  const measuredFromMicros = Number(process.hrtime.bigint() / 1000n);
  const samples = new Map<DispatchCaseId, number[]>(ids.map(id => [id, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const candidate of cases) {
      samples.get(candidate.id)!.push(await callsPerSecond(candidate.run, seconds));
    }
  }
  await Promise.all(cases.map(candidate => candidate.close()));
  const results = cases.map(({ id, label }) => {
    const callsPerSec = median(samples.get(id)!);
    return { id, label, callsPerSec, nsPerCall: 1e9 / callsPerSec };
  });
  process.stdout.write(`${JSON.stringify({ cases: results, measuredFromMicros })}\n`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
