import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface QueryShape {
  depth: number;
  aliases: number;
  /** Fields counted with list multipliers: each field costs 1, inside a `first`/`limit` list × that number (10 when unknown). */
  cost: number;
}

const DEFAULT_LIST_SIZE = 10;

/**
 * Measures an operation before it is planned: depth, aliases and a simple cost, following
 * fragments (a fragment cycle is invalid GraphQL and was already rejected by validation).
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): QueryShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const shape: QueryShape = { depth: 0, aliases: 0, cost: 0 };

  const walk = (set: SelectionSetNode, depth: number, multiplier: number, seen: Set<string>): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        if (sel.alias) shape.aliases++;
        shape.depth = Math.max(shape.depth, depth);
        shape.cost += multiplier;
        if (sel.selectionSet) {
          const sizeArg = sel.arguments?.find((a) => ['first', 'last', 'limit', 'take'].includes(a.name.value));
          const size = sizeArg?.value.kind === Kind.INT ? Number(sizeArg.value.value) : DEFAULT_LIST_SIZE;
          walk(sel.selectionSet, depth + 1, Math.min(multiplier * Math.max(size, 1), 1_000_000), seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, depth, multiplier, seen);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        walk(fragment.selectionSet, depth, multiplier, new Set([...seen, name]));
      }
    }
  };
  walk(operation.selectionSet, 1, 1, new Set());
  return shape;
}
