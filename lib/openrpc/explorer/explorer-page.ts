import type { OpenRpcDocument } from '../openrpc-document.interface.js';

/**
 * The explorer page of an endpoint at `path`: one HTML file, no CDN. The document rides inside it
 * as JSON; the page's own script (explorer.script.ts) renders it and sends calls with the browser
 * client to `path` on the page's own origin. The page is built once, before any request tells the
 * origin, so the document's server entry (an unknown-origin placeholder) is left out of it.
 */
export function explorerPage(document: OpenRpcDocument, path: string, scriptUrl: string): string {
  const title = escapeHtml(document.info.title);
  const { servers: _placeholder, ...shown } = document;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title} · explorer</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem 3rem; color: #1d2330; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
.meta { color: #5a6275; margin: 0 0 1.5rem; }
section.method, section.schemas { border: 1px solid #d5dae5; border-radius: 8px; padding: .8rem 1rem; margin: 0 0 1rem; }
section h2 { font: 600 1.1rem ui-monospace, monospace; margin: 0 0 .3rem; }
.badge { display: inline-block; font-size: .75rem; background: #eef1f7; border-radius: 4px; padding: 0 .4rem; margin-left: .4rem; }
details { margin: .4rem 0; }
pre { background: #f6f8fb; padding: .5rem; border-radius: 6px; overflow: auto; font-size: .85rem; margin: .3rem 0; }
textarea { width: 100%; box-sizing: border-box; font: .9rem ui-monospace, monospace; min-height: 3.2rem; }
button { margin-top: .3rem; padding: .3rem .9rem; }
.answer.failed { background: #fdeeee; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="meta">OpenRPC ${escapeHtml(document.openrpc)} · version ${escapeHtml(document.info.version)} · <a href="openrpc.json">openrpc.json</a></p>
<main id="methods" data-endpoint="${escapeHtml(path)}"><noscript>The explorer needs JavaScript.</noscript></main>
<script type="application/json" id="openrpc-document">${jsonForScript(shown)}</script>
<script type="module" src="${escapeHtml(scriptUrl)}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`);
}

/** JSON that cannot close the script element it sits in. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
