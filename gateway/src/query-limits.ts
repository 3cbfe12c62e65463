import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface QueryShape {
  depth: number;
  aliases: number;
  /**
   * Fields counted with list multipliers: each field costs 1; the fields inside a list cost once
   * per item, its `first`/`limit` when given, else 10. Objects that are not lists multiply
   * nothing (an application's service is one service).
   */
  cost: number;
}

const DEFAULT_LIST_SIZE = 10;

/**
 * Measures an operation before it is planned: depth, aliases and a simple cost, following
 * fragments (a fragment cycle is invalid GraphQL and was already rejected by validation). With
 * the schema, only list fields multiply; without it (a field the schema does not know), every
 * field with a selection is taken for a list, which errs on the safe side.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema?: GraphQLSchema,
  variables: Record<string, unknown> = {},
): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const shape: QueryShape = { depth: 0, aliases: 0, cost: 0 };
  const root = schema
    ? operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType()
    : undefined;

  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType | undefined => {
    const t = name ? schema?.getType(name) : undefined;
    return t && (isObjectType(t) || isInterfaceType(t)) ? t : fallback;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, depth: number, multiplier: number, seen: Set<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        if (sel.alias) shape.aliases++;
        shape.depth = Math.max(shape.depth, depth);
        shape.cost += multiplier;
        if (!sel.selectionSet) continue;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
        const isList = field ? isListType(getNullableType(field.type)) : true;
        const size = pageSize(sel.arguments ?? [], variables) ?? DEFAULT_LIST_SIZE;
        const next = isList ? Math.min(multiplier * Math.max(size, 1), 1_000_000) : multiplier;
        const named = field ? getNamedType(field.type) : undefined;
        walk(sel.selectionSet, named && (isObjectType(named) || isInterfaceType(named)) ? named : undefined, depth + 1, next, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, typeNamed(sel.typeCondition?.name.value, parent), depth, multiplier, seen);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        walk(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), depth, multiplier, new Set([...seen, name]));
      }
    }
  };
  walk(operation.selectionSet, root ?? undefined, 1, 1, new Set());
  return shape;
}

const SIZE_NAMES = ['first', 'last', 'limit', 'take'];

/**
 * The page size a field asks for: an argument `first`/`last`/`limit`/`take`, or such a field of
 * an input object argument (`agencyQueue(filter: { first: 100 })`), literal or from a variable.
 */
function pageSize(args: readonly ArgumentNode[], variables: Record<string, unknown>): number | undefined {
  const valueOf = (v: ValueNode): unknown => {
    if (v.kind === Kind.VARIABLE) return variables[v.name.value];
    if (v.kind === Kind.INT) return Number(v.value);
    if (v.kind === Kind.OBJECT) return Object.fromEntries(v.fields.map((f) => [f.name.value, valueOf(f.value)]));
    return undefined;
  };
  const sizes: number[] = [];
  for (const a of args) {
    const value = valueOf(a.value);
    if (SIZE_NAMES.includes(a.name.value) && typeof value === 'number') sizes.push(value);
    if (value && typeof value === 'object')
      for (const n of SIZE_NAMES) if (typeof (value as Record<string, unknown>)[n] === 'number') sizes.push((value as Record<string, number>)[n]);
  }
  return sizes.length ? Math.max(...sizes) : undefined;
}
