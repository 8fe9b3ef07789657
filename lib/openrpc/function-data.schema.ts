import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { RpcFunctionDescriptor } from '../scanner/rpc-function.descriptor.js';
import type { RpcJsonSchema } from '../interfaces/rpc-function-options.interface.js';
import type { DtoSchemaCatalog } from './dto-schema.catalog.js';

/** Types TypeScript emits for parameters whose type says nothing useful (`unknown`, an interface, a union). */
const OPEN_TYPES = new Set<unknown>([Object, undefined, Function, Promise]);
const PRIMITIVES = new Map<unknown, RpcJsonSchema>([
  [String, { type: 'string' }],
  [Number, { type: 'number' }],
  [Boolean, { type: 'boolean' }],
  [Array, { type: 'array' }],
]);

/**
 * The schema of a function's whole `data`: the `data` option, else the type of the parameter that
 * receives it (`@RpcData()`, or the undecorated first one): a DTO class, a primitive, or open (`{}`).
 * `null` when no parameter receives the data (the function takes none).
 */
export function functionDataSchema(descriptor: RpcFunctionDescriptor, catalog: DtoSchemaCatalog): RpcJsonSchema | null {
  const { docs, type, methodName, place } = descriptor;
  if (docs.data !== undefined) {
    return catalog.fromSource(docs.data, place, 'data');
  }
  const index = dataParameterIndex(type, methodName);
  if (index === undefined) {
    return null;
  }
  const paramType = ((Reflect.getMetadata(PARAMTYPES_METADATA, type.prototype, methodName) ?? []) as unknown[])[index];
  if (OPEN_TYPES.has(paramType)) {
    return {};
  }
  return PRIMITIVES.get(paramType) ?? catalog.fromClass(paramType as Function, place);
}

/** The parameter that receives the whole `data` (a `@RpcData()` without a property name). */
function dataParameterIndex(type: Function, methodName: string): number | undefined {
  const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, methodName) ?? {}) as Record<string, { index: number; data?: unknown }>;
  for (const [key, param] of Object.entries(params)) {
    if (key.split(':')[0] === String(RouteParamtypes.BODY) && param.data === undefined) {
      return param.index;
    }
  }
  return undefined;
}
