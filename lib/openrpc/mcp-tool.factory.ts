import type { RpcFunctionOptions, RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';
import type { RpcMcpToolOptions } from '../interfaces/weerpc-mcp-options.interface.js';
import { DtoSchemaCatalog } from './dto-schema.catalog.js';
import { functionDataSchema } from './function-data.schema.js';
import type { RpcFunctionDescriptor } from '../scanner/rpc-function.descriptor.js';
import { McpMessages } from '../weerpc.messages.js';
import { WRAPPED_DATA, WRAPPED_RESULT, type McpToolInput, type McpToolOutput, type RpcMcpTool } from './mcp-tool.js';
import { dereferenced, selfContained } from './self-contained.schema.js';

/** A function to describe as a tool: a scanned method, or a plain function of `functions` (open data). */
export interface McpToolSource {
  readonly name: string;
  readonly place: string;
  readonly docs: RpcFunctionOptions;
  /** `undefined` for a plain function, whose data is open. */
  readonly descriptor?: RpcFunctionDescriptor;
}

/**
 * The tools of an endpoint, described as its OpenRPC document describes the same functions
 * (the same DTO schemas, the same `data` and `result` options), each schema standing alone.
 */
export function createMcpTools(sources: readonly McpToolSource[]): RpcMcpTool[] {
  const { catalog, unavailable } = loadCatalog();
  let described: { source: McpToolSource; data: RpcJsonSchema | null; result: RpcJsonSchema | null }[];
  try {
    described = sources.map(source => ({
      source,
      data: source.descriptor ? functionDataSchema(source.descriptor, catalog) : {},
      result: source.docs.result === undefined ? null : catalog.fromSource(source.docs.result, source.place, 'result'),
    }));
  } catch (error) {
    // A DTO that cannot be described: without class-validator-jsonschema, that is the reason.
    throw unavailable ?? error;
  }
  const components = catalog.components();
  return described.map(({ source, data, result }) => {
    const input = inputOf(data, components);
    const output = outputOf(result, components);
    const mark = typeof source.docs.mcp === 'object' ? source.docs.mcp : {};
    const description = [source.docs.summary, source.docs.description].filter(text => text !== undefined).join('\n\n');
    return {
      input: input.kind,
      output: output.kind,
      definition: {
        name: source.name,
        ...(mark.title !== undefined && { title: mark.title }),
        ...(description !== '' && { description }),
        inputSchema: input.schema,
        ...(output.schema && { outputSchema: output.schema }),
        ...annotationsOf(mark),
      },
    };
  });
}

function inputOf(data: RpcJsonSchema | null, components: Record<string, RpcJsonSchema>): { kind: McpToolInput; schema: RpcJsonSchema } {
  if (data === null) {
    return { kind: 'none', schema: { type: 'object', properties: {}, additionalProperties: false } };
  }
  if (isObjectSchema(dereferenced(data, components))) {
    return { kind: 'object', schema: selfContained(dereferenced(data, components), components) };
  }
  const inner = selfContained(data, components);
  const { $defs, ...property } = inner;
  return {
    kind: 'wrapped',
    schema: {
      type: 'object',
      properties: { [WRAPPED_DATA]: { ...property, description: McpMessages.wrappedData } },
      // Open data (`{}`) may be left out; described data is required, as the OpenRPC param is.
      ...(Object.keys(data).length > 0 && { required: [WRAPPED_DATA] }),
      additionalProperties: false,
      ...($defs !== undefined && { $defs }),
    },
  };
}

function outputOf(result: RpcJsonSchema | null, components: Record<string, RpcJsonSchema>): { kind: McpToolOutput; schema?: RpcJsonSchema } {
  if (result === null || Object.keys(result).length === 0) {
    return { kind: 'none' };
  }
  if (isObjectSchema(dereferenced(result, components))) {
    return { kind: 'object', schema: selfContained(dereferenced(result, components), components) };
  }
  const { $defs, ...property } = selfContained(result, components);
  return {
    kind: 'wrapped',
    schema: {
      type: 'object',
      properties: { [WRAPPED_RESULT]: property },
      required: [WRAPPED_RESULT],
      ...($defs !== undefined && { $defs }),
    },
  };
}

function annotationsOf(mark: RpcMcpToolOptions): { annotations?: Record<string, string | boolean> } {
  const annotations = {
    ...(mark.title !== undefined && { title: mark.title }),
    ...(mark.readOnly !== undefined && { readOnlyHint: mark.readOnly }),
    ...(mark.destructive !== undefined && { destructiveHint: mark.destructive }),
    ...(mark.idempotent !== undefined && { idempotentHint: mark.idempotent }),
    ...(mark.openWorld !== undefined && { openWorldHint: mark.openWorld }),
  };
  return Object.keys(annotations).length === 0 ? {} : { annotations };
}

/** MCP tool schemas are objects with properties; `type: 'object'` alone (a map) is wrapped too. */
function isObjectSchema(schema: RpcJsonSchema): boolean {
  return schema.type === 'object' && typeof schema.properties === 'object' && schema.properties !== null;
}

/**
 * The DTO schemas, read at each bootstrap as `describeEndpoint` does. class-validator-jsonschema
 * is an optional peer: without it, tools whose schemas are JSON Schema options still work, and a
 * DTO fails with the loader's own message.
 */
function loadCatalog(): { catalog: DtoSchemaCatalog; unavailable?: Error } {
  try {
    return { catalog: new DtoSchemaCatalog(DtoSchemaCatalog.readDtoSchemas()) };
  } catch (error) {
    return { catalog: new DtoSchemaCatalog({}), unavailable: error as Error };
  }
}
