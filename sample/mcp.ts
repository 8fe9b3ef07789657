import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WeeRpcMcp } from 'nestjs-weerpc';
import { AppModule } from './app.module.js';
import { DATABASE_FILE, readSampleConfig } from './sample.config.js';
import { SessionStoreProvider } from './session/session-store.provider.js';

/**
 * The sample's tools over stdio, for an agent that starts the server itself:
 * `{ "command": "node", "args": ["dist-sample/mcp.js"] }` (docs/mcp.md). No HTTP server: an
 * application context, whose logs go to stderr only (stdout carries the MCP messages). The root
 * endpoint's tools are served (`add_numbers`, `add_string`, `count_to`); the clients' tools need a
 * logged-in session, which a stdio caller does not have, so they are not listed.
 */
async function main() {
  const config = readSampleConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const module = AppModule.register({ databaseFile: join(config.dataDir, DATABASE_FILE), sessionStore: SessionStoreProvider.memory() });
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  await WeeRpcMcp.stdio(app, { path: process.env.MCP_ENDPOINT ?? '/rpc' });
  // The agent closes stdin when it is done with the server.
  process.stdin.once('end', () => void app.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
