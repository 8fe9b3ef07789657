import type { RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';
import type { OpenRpcDocument, OpenRpcMethod } from './openrpc-document.interface.js';
import { serverPath } from './server-url.js';

const REF_PREFIX = '#/components/schemas/';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * TypeScript for `createWeeRpcClient<Api>()` / `createJsonRpcClient<Api>()` from OpenRPC documents:
 * an interface per component schema, one `Api` map per document (`name: (data) => result`), named
 * from its `info.title`, and `ApiByPath` mapping each server path to its map. Pure: same documents,
 * same text, so a committed file can be checked for staleness.
 */
export function generateApiTypes(documents: readonly OpenRpcDocument[]): string {
  const components = new Map<string, string>();
  const maps: string[] = [];
  const byPath: string[] = [];
  for (const document of documents) {
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      const text = componentText(name, schema);
      if (components.has(name) && components.get(name) !== text) {
        throw new Error(`Two documents define different schemas named '${name}'.`);
      }
      components.set(name, text);
    }
    const mapName = apiMapName(document);
    maps.push(apiMapText(mapName, document));
    byPath.push(`  ${quoteKey(endpointPath(document) ?? document.info.title)}: ${mapName};`);
  }
  const single = documents.length === 1 ? [`/** The one endpoint's functions. */\nexport type Api = ${apiMapName(documents[0])};\n`] : [];
  return [
    `// Generated from OpenRPC documents by \`nestjs-weerpc types\`: do not edit; run it again instead.\n`,
    ...[...components.keys()].sort().map(name => components.get(name)!),
    ...maps,
    `/** Every endpoint's functions, by path. */\nexport interface ApiByPath {\n${byPath.join('\n')}\n}\n`,
    ...single,
  ].join('\n');
}

/**
 * The path of the document's server: the same types whether the document was written by
 * `getOpenRpcDocuments` or fetched from any of the origins the app answers on.
 */
function endpointPath(document: OpenRpcDocument): string | undefined {
  const url = document.servers?.[0]?.url;
  return url === undefined ? undefined : serverPath(url);
}

/** `Tester` → `TesterApi`; `weeRPC /rpc/clients` → `WeeRpcRpcClientsApi`. */
function apiMapName(document: OpenRpcDocument): string {
  const words = document.info.title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map(word => word[0].toUpperCase() + word.slice(1)).join('');
  const safe = /^[0-9]/.test(name) || name === '' ? `Endpoint${name}` : name;
  return safe.endsWith('Api') ? safe : `${safe}Api`;
}

function apiMapText(name: string, document: OpenRpcDocument): string {
  const lines = document.methods.map(method => `${jsDoc(methodDoc(method), '  ')}  ${quoteKey(method.name)}: ${signature(method)};`);
  const doc = jsDoc([`\`${endpointPath(document) ?? ''}\`: ${document.info.title}.`, ...guardNotes(document)], '');
  return `${doc}export interface ${name} {\n${lines.join('\n')}\n}\n`;
}

function signature(method: OpenRpcMethod): string {
  const data = method['x-weerpc-data'];
  const result = typeOf(method.result.schema, '  ');
  if (data === undefined) {
    return `() => ${result}`;
  }
  return `(data: ${typeOf(data, '  ')}) => ${result}`;
}

function methodDoc(method: OpenRpcMethod): string[] {
  return [
    ...(method.summary ? [method.summary] : []),
    ...(method.description ? [method.description] : []),
    ...guardNotes(method),
    ...(method.deprecated ? ['@deprecated'] : []),
  ];
}

function guardNotes(target: { 'x-weerpc-session-auth'?: readonly string[]; 'x-weerpc-host-auth'?: true }): string[] {
  return [
    ...(target['x-weerpc-session-auth'] ? [`Session rules: ${target['x-weerpc-session-auth'].join(', ')}.`] : []),
    ...(target['x-weerpc-host-auth'] ? ['Host list applies.'] : []),
  ];
}

function componentText(name: string, schema: RpcJsonSchema): string {
  const doc = jsDoc(typeof schema.description === 'string' ? [schema.description] : [], '');
  if (schema.type === 'object' && isRecord(schema.properties)) {
    return `${doc}export interface ${name} ${objectType(schema, '')}\n`;
  }
  return `${doc}export type ${name} = ${typeOf(schema, '')};\n`;
}

/** A JSON Schema as a TypeScript type; what a schema does not constrain is `unknown`. */
function typeOf(schema: unknown, indent: string): string {
  if (!isRecord(schema)) {
    return schema === false ? 'never' : 'unknown';
  }
  if (typeof schema.$ref === 'string') {
    return schema.$ref.startsWith(REF_PREFIX) ? schema.$ref.slice(REF_PREFIX.length) : 'unknown';
  }
  if (Array.isArray(schema.enum)) {
    return union(schema.enum.map(value => JSON.stringify(value)));
  }
  if ('const' in schema) {
    return JSON.stringify(schema.const);
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) {
      return union((schema[key] as unknown[]).map(item => typeOf(item, indent)));
    }
  }
  if (Array.isArray(schema.allOf)) {
    return (schema.allOf as unknown[]).map(item => wrap(typeOf(item, indent))).join(' & ');
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) {
    return isRecord(schema.properties) ? objectType(schema, indent) : 'unknown';
  }
  return union(types.map(type => typeOfType(String(type), schema, indent)));
}

function typeOfType(type: string, schema: Record<string, unknown>, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return schema.items === undefined ? 'unknown[]' : `${wrap(typeOf(schema.items, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      return 'unknown';
  }
}

function objectType(schema: Record<string, unknown>, indent: string): string {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const inner = `${indent}  `;
  const lines = Object.entries(properties).map(([name, propertySchema]) => {
    const description = isRecord(propertySchema) && typeof propertySchema.description === 'string' ? [propertySchema.description] : [];
    return `${jsDoc(description, inner)}${inner}${quoteKey(name)}${required.has(name) ? '' : '?'}: ${typeOf(propertySchema, inner)};`;
  });
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    lines.push(`${inner}[key: string]: ${schema.additionalProperties === true ? 'unknown' : typeOf(schema.additionalProperties, inner)};`);
  }
  if (lines.length === 0) {
    return schema.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>';
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function union(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? 'never' : unique.join(' | ');
}

/** Parentheses for a union or intersection used as an array element or intersection member. */
function wrap(type: string): string {
  return /[|&]/.test(type) && !type.startsWith('{') ? `(${type})` : type;
}

function quoteKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function jsDoc(lines: string[], indent: string): string {
  if (lines.length === 0) {
    return '';
  }
  const safe = lines.map(line => line.replace(/\*\//g, '*\\/'));
  return safe.length === 1 ? `${indent}/** ${safe[0]} */\n` : `${indent}/**\n${safe.map(line => `${indent} * ${line}`).join('\n')}\n${indent} */\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
