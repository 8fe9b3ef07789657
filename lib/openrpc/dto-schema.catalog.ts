import type { validationMetadatasToSchemas as ToSchemas } from 'class-validator-jsonschema';
import { createRequire } from 'node:module';
import type { RpcJsonSchema, RpcSchemaSource } from '../interfaces/rpc-function-options.interface.js';
import { OpenRpcMessages } from '../weerpc.messages.js';
import { COMPONENT_PREFIX, componentRefsIn } from './component-refs.js';

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/**
 * The JSON Schemas of the app's class-validator DTOs (class-validator-jsonschema), read once at
 * bootstrap, and the ones a document refers to. A DTO it cannot describe is an error naming
 * the function, never an empty schema.
 */
export class DtoSchemaCatalog {
  private readonly used = new Map<string, RpcJsonSchema>();

  /** One catalog per document, over the schemas of every DTO read once (`readDtoSchemas`). */
  constructor(private readonly all: Readonly<Record<string, RpcJsonSchema>>) {}

  /** Every class-validator DTO of the app as JSON Schema, keyed by class name. */
  static readDtoSchemas(): Record<string, RpcJsonSchema> {
    return loadJsonSchemaConverter()({
      refPointerPrefix: COMPONENT_PREFIX,
      classTransformerMetadataStorage: classTransformerStorage(),
    }) as Record<string, RpcJsonSchema>;
  }

  /** The components the schemas handed out so far refer to. */
  components(): Record<string, RpcJsonSchema> {
    return Object.fromEntries([...this.used].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** A `data`/`result` option: a DTO class, `[Dto]` or a JSON Schema object. */
  fromSource(source: RpcSchemaSource, place: string, option: string): RpcJsonSchema {
    if (typeof source === 'function') {
      return this.fromClass(source, place);
    }
    if (Array.isArray(source)) {
      if (source.length !== 1 || typeof source[0] !== 'function') {
        throw new Error(OpenRpcMessages.badSchemaSource(place, option));
      }
      return { type: 'array', items: this.fromClass(source[0], place) };
    }
    if (!isJsonSchema(source)) {
      throw new Error(OpenRpcMessages.badSchemaSource(place, option));
    }
    return source;
  }

  /** A DTO class as a `$ref`; its schema (and the DTOs it nests) become components. */
  fromClass(type: Function, place: string): RpcJsonSchema {
    this.use(type.name, place, type.name);
    return { $ref: `${COMPONENT_PREFIX}${type.name}` };
  }

  /** The schema a `$ref` points to (one level), or the schema itself. */
  resolve(schema: RpcJsonSchema): RpcJsonSchema {
    const ref = schema.$ref;
    return typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX) ? (this.used.get(ref.slice(COMPONENT_PREFIX.length)) ?? schema) : schema;
  }

  private use(name: string, place: string, dto: string): void {
    if (this.used.has(name)) {
      return;
    }
    const schema = this.all[name];
    if (!schema) {
      throw new Error(OpenRpcMessages.undescribableDto(place, name));
    }
    for (const [property, propertySchema] of Object.entries((schema.properties ?? {}) as Record<string, RpcJsonSchema>)) {
      // Empty, or a reference to a class without metadata (`Object` for an `unknown` property).
      if (Object.keys(propertySchema).length === 0 || componentRefsIn(propertySchema).some(ref => !this.all[ref])) {
        throw new Error(OpenRpcMessages.undescribableProperty(place, dto === name ? name : `${dto} > ${name}`, property));
      }
    }
    this.used.set(name, schema);
    for (const nested of componentRefsIn(schema)) {
      this.use(nested, place, dto);
    }
  }
}

/** A plain object whose `type`, if any, is a JSON type: enough to catch a class instance or a typo. */
function isJsonSchema(value: unknown): value is RpcJsonSchema {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  const type = (value as { type?: unknown }).type;
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  return types.every(item => typeof item === 'string' && JSON_TYPES.has(item));
}

/**
 * class-validator-jsonschema is an optional peer: loaded only when an endpoint has `discovery` on,
 * so that apps without it (and without class-validator) still load the module.
 */
function loadJsonSchemaConverter(): typeof ToSchemas {
  try {
    return (requireHere('class-validator-jsonschema') as { validationMetadatasToSchemas: typeof ToSchemas }).validationMetadatasToSchemas;
  } catch (error) {
    throw new Error(OpenRpcMessages.jsonSchemaMissing(error instanceof Error ? error.message : String(error)), { cause: error });
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * class-transformer's `@Type(() => Nested)` tells which class a nested property holds. It is an
 * optional peer: without it, nested DTOs are described as plain objects.
 */
function classTransformerStorage(): never | undefined {
  try {
    return requireHere('class-transformer/cjs/storage').defaultMetadataStorage as never;
  } catch {
    return undefined;
  }
}
