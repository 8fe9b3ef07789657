import type { RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';
import { COMPONENT_PREFIX, componentRefsIn } from './component-refs.js';

const DEFS_PREFIX = '#/$defs/';

/**
 * A schema of the OpenRPC document as a tool schema stands alone: an MCP client validates it
 * with no document around it, so the DTO components it refers to (`#/components/schemas/X`,
 * transitively) come along as `$defs` and the references point there.
 */
export function selfContained(schema: RpcJsonSchema, components: Readonly<Record<string, RpcJsonSchema>>): RpcJsonSchema {
  const root = rewriteRefs(schema) as RpcJsonSchema;
  const defs: Record<string, RpcJsonSchema> = {};
  const pending = componentRefsIn(schema);
  while (pending.length > 0) {
    const name = pending.pop()!;
    const component = components[name];
    if (component === undefined || name in defs) {
      continue;
    }
    defs[name] = rewriteRefs(component) as RpcJsonSchema;
    pending.push(...componentRefsIn(component));
  }
  return Object.keys(defs).length === 0 ? root : { ...root, $defs: { ...((root.$defs as object | undefined) ?? {}), ...defs } };
}

/** The component a `$ref` names, or the schema itself when it is not a reference. */
export function dereferenced(schema: RpcJsonSchema, components: Readonly<Record<string, RpcJsonSchema>>): RpcJsonSchema {
  const ref = schema.$ref;
  return typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX) ? (components[ref.slice(COMPONENT_PREFIX.length)] ?? schema) : schema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(rewriteRefs);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith(COMPONENT_PREFIX)
        ? DEFS_PREFIX + item.slice(COMPONENT_PREFIX.length)
        : rewriteRefs(item),
    ]),
  );
}
