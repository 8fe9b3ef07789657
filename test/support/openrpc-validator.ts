import { parseOpenRPCDocument, validateOpenRPCDocument } from '@open-rpc/schema-utils-js';

/**
 * What OpenRPC's own tooling says of a document: `validateOpenRPCDocument` (the meta-schema of the
 * document's `openrpc` version, with its formats checked: a server URL must be a URI) and
 * `parseOpenRPCDocument` (the same check after every `$ref` is dereferenced, which the generator,
 * the playground and test-coverage run first). Empty when both accept it; otherwise their messages,
 * which list each violation with its path.
 */
export async function openRpcToolingErrors(document: unknown): Promise<string[]> {
  const errors: string[] = [];
  const verdict = validateOpenRPCDocument(structuredClone(document) as never);
  if (verdict !== true) {
    errors.push(verdict.message);
  }
  try {
    await parseOpenRPCDocument(structuredClone(document) as never);
  } catch (error) {
    errors.push((error as Error).message);
  }
  return errors;
}
