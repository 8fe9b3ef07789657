/**
 * `npm run soak:rolling`: a rolling restart under load. Two sample instances behind nginx with Redis
 * sessions (docs/several-instances.md), HTTP keep-alive and WebSocket clients logged in and calling
 * mixed functions and a few streams for `SOAK_SECONDS` (60), while each instance in turn is
 * restarted with SIGTERM (it drains, exits, and a new process takes its port). Reports calls
 * answered, failed and lost (target 0 and 0), and those the server refused during a drain (retried:
 * never run). Exit code 1 on any failed or lost call. `SOAK_HTTP_CLIENTS` (8), `SOAK_WS_CLIENTS` (8).
 */
import { runRollingSoak } from './rolling-soak.js';

const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const httpClients = Number(process.env.SOAK_HTTP_CLIENTS ?? 8);
const wsClients = Number(process.env.SOAK_WS_CLIENTS ?? 8);

runRollingSoak({ seconds, httpClients, wsClients }, line => console.log(line))
  .then(report => {
    process.exitCode = report.failed + report.lost > 0 ? 1 : 0;
  })
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
