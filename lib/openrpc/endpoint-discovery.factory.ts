import { Logger } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RpcDiscoveryOptions } from '../interfaces/rpc-function-options.interface.js';
import type { RpcOutcome } from '../outcome/rpc-outcome.interface.js';
import { EXPLORER_ROUTE, OPENRPC_DOCUMENT_ROUTE, WEERPC_LOGGER_CONTEXT } from '../weerpc.constants.js';
import { OpenRpcMessages } from '../weerpc.messages.js';
import { explorerPage } from './explorer/explorer-page.js';
import { EXPLORER_SCRIPT } from './explorer/explorer.script.js';
import type { OpenRpcDocument } from './openrpc-document.interface.js';
import { servedDocumentText } from './served-document.js';
import type { OriginSource } from './server-url.js';

/** The answer to a GET of one of the endpoint's discovery routes. */
export interface RpcResource {
  readonly contentType: string;
  /**
   * The body for the GET being answered: a fixed string, but for the document's server URL, which
   * is absolute for the request's origin. The HTTP side hands over its request (Express's and
   * Fastify's carry `protocol` and `host`).
   */
  body(request: OriginSource): string;
}

/** What an endpoint with `discovery` on serves besides its calls; all of it built at bootstrap. */
export interface RpcDiscovery {
  /** The document for no request in particular: its server URL's origin is `UNKNOWN_ORIGIN`. */
  readonly document: OpenRpcDocument;
  /** The answer of `rpc.discover`. */
  readonly outcome: RpcOutcome;
  /** Full route → resource: the document, the explorer page, its script and the browser client. */
  readonly resources: ReadonlyMap<string, RpcResource>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';
const SCRIPT_TYPE = 'text/javascript; charset=utf-8';

/** The discovery of one endpoint at `path` (global prefix included). */
export function createEndpointDiscovery(path: string, document: OpenRpcDocument, options: RpcDiscoveryOptions): RpcDiscovery {
  const base = path === '/' ? '' : path;
  const resources = new Map<string, RpcResource>([
    [`${base}${OPENRPC_DOCUMENT_ROUTE}`, { contentType: JSON_TYPE, body: servedDocumentText(document, path) }],
  ]);
  if (options.explorer !== false) {
    const explorer = `${base}${EXPLORER_ROUTE}`;
    resources.set(explorer, fixed(HTML_TYPE, explorerPage(document, path, `${explorer}/explorer.js`)));
    resources.set(`${explorer}/explorer.js`, fixed(SCRIPT_TYPE, EXPLORER_SCRIPT));
    const client = browserClientFiles();
    if (client.size === 0) {
      new Logger(WEERPC_LOGGER_CONTEXT).warn(OpenRpcMessages.clientNotBuilt(path));
    }
    for (const [file, body] of client) {
      resources.set(`${explorer}/${file}`, fixed(SCRIPT_TYPE, body));
    }
  }
  return { document, outcome: { ok: true, message: null, data: document }, resources };
}

/** A resource whose body is the same for every request. */
function fixed(contentType: string, text: string): RpcResource {
  return { contentType, body: () => text };
}

let clientFiles: ReadonlyMap<string, string> | undefined;

/**
 * The browser client's ES modules (dist/client/*.js) and the wire names they import
 * (dist/wire/*.js), keyed `client/<file>` and `wire/<file>` so that their relative imports hold;
 * read once, found through the package's `exports` map rather than this file's place: test
 * runners run lib/ from its TypeScript sources.
 */
function browserClientFiles(): ReadonlyMap<string, string> {
  if (clientFiles) {
    return clientFiles;
  }
  const files = new Map<string, string>();
  try {
    const packageJson = createRequire(import.meta.url).resolve('nestjs-weerpc/package.json');
    const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { default: string }> };
    const client = dirname(join(dirname(packageJson), manifest.exports['./client'].default));
    for (const [folder, dir] of [
      ['client', client],
      ['wire', join(client, '..', 'wire')],
    ]) {
      if (existsSync(dir)) {
        for (const file of readdirSync(dir).filter(name => name.endsWith('.js'))) {
          files.set(`${folder}/${file}`, readFileSync(join(dir, file), 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/, ''));
        }
      }
    }
  } catch {
    // not found: the page says the client is missing when a call is tried
  }
  return (clientFiles = files);
}
