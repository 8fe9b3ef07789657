/**
 * Soak: 200 000 weeRPC calls, good and bad mixed, against a real listening server in a child
 * process; the server's heap and RSS (after a full GC) are reported at the start, every 20 000
 * calls and at the end. Memory must stay flat: within 10 % of the level after warm-up (the
 * first 20 000 calls). Exit code 1 otherwise, or when any answer is not the expected one.
 *
 *   npm run soak                      # Express, 200 000 calls
 *   SOAK_ADAPTER=fastify npm run soak
 *   SOAK_CALLS=50000 npm run soak
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSoakServer, type SoakServerMemory } from './soak-server.js';
import { SOAK_CALLS_MIX, type SoakCall } from './soak-calls.js';
import { SoakClient } from './soak-client.js';

const TOTAL = Number(process.env.SOAK_CALLS ?? 200_000);
const REPORT_EVERY = Number(process.env.SOAK_REPORT_EVERY ?? 20_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 32);
const ADAPTER = process.env.SOAK_ADAPTER === 'fastify' ? 'fastify' : 'express';
const TOLERANCE = 0.1;

async function drive(): Promise<void> {
  const server = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--expose-gc'], env: process.env });
  const port = await nextMessage<{ port: number }>(server).then(message => message.port);
  const client = new SoakClient(port, CONCURRENCY);
  await client.openSessions(10);

  const rows: { calls: number; memory: SoakServerMemory }[] = [];
  const measure = async (calls: number, rate: string) => {
    server.send('memory');
    const memory = await nextMessage<SoakServerMemory>(server);
    rows.push({ calls, memory });
    console.log(formatRow(calls, memory, rows[Math.min(1, rows.length - 1)].memory) + rate);
  };

  console.log(`soak: ${TOTAL} calls on ${ADAPTER}, ${CONCURRENCY} at a time, ${SOAK_CALLS_MIX.length} kinds of call mixed`);
  console.log('calls      heapUsed   rss        heap vs warm-up  rss vs warm-up  calls/s');
  await measure(0, '-');
  const started = Date.now();
  let lastMark = started;
  for (let done = 0; done < TOTAL; done += REPORT_EVERY) {
    const batch = Math.min(REPORT_EVERY, TOTAL - done);
    await client.run(batch, (index: number): SoakCall => SOAK_CALLS_MIX[(done + index) % SOAK_CALLS_MIX.length]);
    const now = Date.now();
    const rate = String(Math.round(batch / ((now - lastMark) / 1000)));
    await measure(done + batch, rate);
    lastMark = Date.now();
  }
  const seconds = (Date.now() - started) / 1000;
  server.send('stop');

  const warm = rows[1]?.memory ?? rows[0].memory;
  const last = rows[rows.length - 1].memory;
  const heapGrowth = last.heapUsed / warm.heapUsed - 1;
  const rssGrowth = last.rss / warm.rss - 1;
  console.log(
    `\n${TOTAL} calls in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} calls/s); ` +
      `${client.mismatches.length} unexpected answers; by outcome: ${JSON.stringify(client.outcomes)}`,
  );
  console.log(
    `heap after warm-up ${mb(warm.heapUsed)} -> end ${mb(last.heapUsed)} (${pct(heapGrowth)}); ` +
      `rss ${mb(warm.rss)} -> ${mb(last.rss)} (${pct(rssGrowth)}); growth allowed ${TOLERANCE * 100} %`,
  );
  for (const mismatch of client.mismatches.slice(0, 5)) {
    console.log(`unexpected: ${mismatch}`);
  }
  const flat = heapGrowth <= TOLERANCE && rssGrowth <= TOLERANCE;
  console.log(flat && client.mismatches.length === 0 ? 'PASS: memory flat, every answer as expected' : 'FAIL');
  process.exitCode = flat && client.mismatches.length === 0 ? 0 : 1;
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`the soak server exited (${code})`));
    };
    child.once('message', onMessage).once('exit', onExit);
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (ratio: number) => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)} %`;

function formatRow(calls: number, memory: SoakServerMemory, warm: SoakServerMemory): string {
  const cells = [
    String(calls).padEnd(10),
    mb(memory.heapUsed).padEnd(10),
    mb(memory.rss).padEnd(10),
    pct(memory.heapUsed / warm.heapUsed - 1).padEnd(16),
    pct(memory.rss / warm.rss - 1).padEnd(15),
  ];
  return cells.join(' ');
}

if (process.argv[2] === 'server') {
  await runSoakServer(ADAPTER);
} else {
  await drive();
}
