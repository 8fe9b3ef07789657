#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises';
import { generateApiTypes } from '../openrpc/api-types.generator.js';
import type { OpenRpcDocument } from '../openrpc/openrpc-document.interface.js';

const USAGE = `Usage: nestjs-weerpc types <url-or-file>... [-o api.generated.ts]

  Turns OpenRPC documents (a file, or a URL such as http://localhost:3000/rpc/openrpc.json)
  into the Api map types of createWeeRpcClient<Api>() and createJsonRpcClient<Api>().
  Without -o the types are written to standard output.`;

/** `nestjs-weerpc types <url-or-file>... -o <file>`: the package's command line (docs/openrpc.md). */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'types') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const inputs: string[] = [];
  let output: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    if (rest[index] === '-o' || rest[index] === '--output') {
      output = rest[++index];
    } else {
      inputs.push(rest[index]);
    }
  }
  if (inputs.length === 0 || (output === undefined && rest.includes('-o'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const documents = await Promise.all(inputs.map(readDocument));
  const text = generateApiTypes(documents);
  if (output) {
    await writeFile(output, text);
  } else {
    process.stdout.write(text);
  }
  return 0;
}

async function readDocument(input: string): Promise<OpenRpcDocument> {
  const text = /^https?:\/\//.test(input) ? await fetchText(input) : await readFile(input, 'utf8');
  const document = JSON.parse(text) as OpenRpcDocument;
  if (typeof document?.openrpc !== 'string' || !Array.isArray(document.methods)) {
    throw new Error(`${input} is not an OpenRPC document (no "openrpc" and "methods").`);
  }
  return document;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered HTTP ${response.status}.`);
  }
  return response.text();
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nestjs-weerpc: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
