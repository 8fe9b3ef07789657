// Calls a running sample with the typed client: `npm start` in one terminal, then
// `node dist-sample/scripts/call-sample.js` (SAMPLE_URL overrides http://localhost:3000).
import { runSampleCalls } from './sample-calls.js';

runSampleCalls(process.env.SAMPLE_URL ?? 'http://localhost:3000').catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
