import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOpenRpcDocuments } from 'nestjs-weerpc';
import { createSampleApp } from '../sample-app.factory.js';

/** The file of each endpoint's document, by path; `npm run sample:api` turns them into sample/api.ts. */
const SAMPLE_DOCUMENT_FILES: Record<string, string> = {
  '/rpc': 'tester.json',
  '/rpc/auth/login': 'auth-login.json',
  '/rpc/auth': 'auth.json',
  '/rpc/clients': 'clients.json',
  '/rpc/notifications': 'notifications.json',
};

/**
 * Writes the OpenRPC document of each of the sample's endpoints into a folder (`sample/openrpc`),
 * from the app itself, without listening: the protected endpoints' documents need no login here.
 */
async function main(outDir: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'weerpc-openrpc-'));
  const app = await createSampleApp({ dataDir, sessionSecret: 'openrpc-only', logger: false });
  try {
    const documents = getOpenRpcDocuments(await app.init());
    mkdirSync(outDir, { recursive: true });
    for (const [path, file] of Object.entries(SAMPLE_DOCUMENT_FILES)) {
      writeFileSync(join(outDir, file), `${JSON.stringify(documents[path], null, 2)}\n`);
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main(process.argv[2] ?? 'sample/openrpc');
