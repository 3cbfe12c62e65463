import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * GraphQL lets a client send `null` for any nullable argument or input field (`services(filter:
 * null)`), which TypeScript resolvers typed `T | undefined` then dereference. No operation here
 * gives an explicit null a meaning of its own, so every null a client sends in arguments arrives
 * as "absent". Done by wrapping each field's resolver in the schema: GraphQL arguments only, never
 * a resolver's parent object (shared, memoised by identity) nor an event handler's payload.
 */
export function absentNullArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, unknown> | undefined;
      if (!resolve || field.args.length === 0) continue;
      field.resolve = (source, args, context, info) => resolve(source, absentNulls(args) as Record<string, unknown>, context, info);
    }
  }
  return schema;
}

export function absentNulls(value: unknown): unknown {
  if (value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => (v !== null && typeof v === 'object' ? absentNulls(v) : v));
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null) out[k] = absentNulls(v);
    return out;
  }
  return value;
}
