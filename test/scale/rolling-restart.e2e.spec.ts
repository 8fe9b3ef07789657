import { existsSync } from 'node:fs';
import { SAMPLE_MAIN } from '../../bench/rolling/rolling-cluster.js';
import { runRollingSoak } from '../../bench/rolling/rolling-soak.js';
import { requireBinary } from '../support/external-binary.js';
import { NGINX } from '../support/nginx.js';
import { REDIS_SERVER } from '../support/redis-server.js';

const canRun = requireBinary(REDIS_SERVER, 'redis-server') && requireBinary(NGINX, 'nginx');
const describeRolling = canRun ? describe : describe.skip;

describeRolling('a rolling restart under load (npm run soak:rolling, short)', () => {
  it('restarts both sample instances behind nginx with SIGTERM while clients call: no call failed, none lost', async () => {
    if (!existsSync(SAMPLE_MAIN)) {
      throw new Error('dist-sample/ is missing: run `npm run build:sample` first (`npm test` does)');
    }
    const lines: string[] = [];
    const report = await runRollingSoak({ seconds: 9, httpClients: 4, wsClients: 4 }, line => lines.push(line));
    console.log(lines.join('\n'));
    expect(report.restarts).toBe(2);
    expect(report.calls).toBeGreaterThan(200);
    expect(report.examples).toEqual([]);
    expect({ failed: report.failed, lost: report.lost }).toEqual({ failed: 0, lost: 0 });
  }, 90_000);
});
