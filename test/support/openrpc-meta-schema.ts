import * as jsonSchemaToolsModule from '@json-schema-tools/meta-schema';
import * as metaSchemaModule from '@open-rpc/meta-schema';
import { Ajv, type ErrorObject } from 'ajv';

type Schema = { $id?: string; $schema?: string; definitions?: Record<string, Schema> } & Record<string, unknown>;

/** A CommonJS module's named export, whether it arrives on the namespace or on its default. */
function exportOf(module: object, name: string): Schema {
  const direct = (module as Record<string, unknown>)[name];
  return structuredClone((direct ?? (module as { default: Record<string, unknown> }).default[name]) as Schema);
}

/**
 * Validates a document against `@open-rpc/meta-schema` with Ajv 8. The meta-schema is a draft-07
 * JSON Schema and Ajv is the validator OpenRPC's own tooling runs it with (schema-utils-js's
 * `validateOpenRPCDocument`); it compiles the schema once and reports every violation with its
 * path (`allErrors`). The meta-schema refers to the JSON Schema dialect it embeds by URL
 * (https://meta.json-schema.tools/), so that schema (`@json-schema-tools/meta-schema`) is added
 * under its own id and the embedded copy loses its `$id`, or the id would be taken twice; the
 * dialect is draft-07 with extra annotations, so `$schema` is not checked (`validateSchema: false`,
 * `strict: false`).
 */
const openRpcMeta = exportOf(metaSchemaModule, 'openrpcDocument');
const jsonSchemaMeta = exportOf(jsonSchemaToolsModule, 'jsonSchema');
delete openRpcMeta.$schema;
delete openRpcMeta.definitions!.JSONSchema.$id;
delete openRpcMeta.definitions!.JSONSchema.$schema;
delete jsonSchemaMeta.$schema;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
ajv.addSchema(jsonSchemaMeta);
// One ref spells the dialect's URL without its final slash, which Ajv treats as another id.
ajv.addSchema({ ...jsonSchemaMeta, $id: 'https://meta.json-schema.tools' });
const validate = ajv.compile(openRpcMeta);

export function metaSchemaErrors(document: unknown): ErrorObject[] {
  return validate(document) ? [] : [...(validate.errors ?? [])];
}
