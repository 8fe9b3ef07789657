/**
 * Runs one in-process dispatch case a fixed number of times and exits: for instruction counts,
 * which do not depend on how busy the machine is. Two counts under `valgrind --tool=callgrind`
 * (N and 3N calls) and their difference divided by 2N give the instructions one call costs, the
 * bootstrap cancelled out (docs/benchmarks.md#instructions-per-call).
 *
 * `node dist-bench/bench/dispatch/call-count.main.js <case> <calls>`
 */
import { DISPATCH_CASE_IDS, type DispatchCaseId } from './dispatch-case-ids.js';
import { createDispatchCase, EXPECTED_ANSWER } from './dispatch-cases.js';

async function main(): Promise<void> {
  const id = process.argv[2] as DispatchCaseId;
  const calls = Number(process.argv[3]);
  if (!DISPATCH_CASE_IDS.includes(id) || !Number.isInteger(calls) || calls < 1) {
    throw new Error(`usage: node call-count.main.js <${DISPATCH_CASE_IDS.join('|')}> <calls>`);
  }
  const dispatchCase = await createDispatchCase(id);
  for (let i = 0; i < calls; i++) {
    const answer = await dispatchCase.run();
    if (i === 0 && answer.body !== EXPECTED_ANSWER) {
      throw new Error(`${id} answered ${answer.body}`);
    }
  }
  await dispatchCase.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
