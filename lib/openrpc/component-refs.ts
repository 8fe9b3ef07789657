/** Where OpenRPC keeps the DTO schemas that methods refer to. */
export const COMPONENT_PREFIX = '#/components/schemas/';

/** The component names a schema refers to (`$ref: '#/components/schemas/<name>'`), at any depth. */
export function componentRefsIn(schema: unknown, found: string[] = []): string[] {
  if (Array.isArray(schema)) {
    schema.forEach(item => componentRefsIn(item, found));
  } else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)) {
        found.push(value.slice(COMPONENT_PREFIX.length));
      } else {
        componentRefsIn(value, found);
      }
    }
  }
  return found;
}
