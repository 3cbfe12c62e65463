import {
  getArgumentValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Charge, RateLimiter } from './rate-limiter';

/**
 * Sign-in mutations: charged per address and per account, where the account is what the input
 * names (the login, an agency system's client id; a refresh token names its session, which is as
 * close to an account as the gateway can see).
 */
const SIGN_IN: Record<string, (args: Record<string, unknown>) => unknown[]> = {
  login: (a) => [field(a.input, 'login')],
  refreshSession: (a) => [a.refreshToken],
  agencySystemToken: (a) => [field(a.input, 'clientId')],
};
/** Registration: per address, and per NIK and per e-mail address it claims. */
const REGISTRATION: Record<string, (args: Record<string, unknown>) => unknown[]> = {
  registerCitizen: (a) => [field(a.input, 'nik'), field(a.input, 'email')],
};

function field(input: unknown, name: string): unknown {
  return input && typeof input === 'object' ? (input as Record<string, unknown>)[name] : undefined;
}

export interface Caller {
  /** The client's address (clientAddress: the socket, or what the trusted proxies saw). */
  address: string;
  /** The signed-in caller's id; anonymous callers are counted by address. */
  userId?: string;
}

/**
 * What one operation costs: nothing for a query; for a mutation one token per root field from the
 * caller's bucket (aliases make one request several mutations), plus the sign-in and registration
 * buckets for those fields. Root fields reached through fragments count too; fields a directive
 * may skip are counted anyway (stricter, never looser).
 */
export function chargesOf(
  operation: OperationDefinitionNode,
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Record<string, unknown>,
  caller: Caller,
  limiter: RateLimiter,
): Charge[] {
  if (operation.operation !== 'mutation') return [];
  const mutationType = schema.getMutationType();
  if (!mutationType) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const address = limiter.addressKey(caller.address);
  const callerKey = caller.userId ? `user:${caller.userId}` : `address:${address}`;
  const charges: Charge[] = [];
  for (const node of rootFields(operation.selectionSet, fragments, new Set())) {
    charges.push({ limit: 'mutation-caller', key: callerKey, cost: 1 });
    const name = node.name.value;
    const kind = name in SIGN_IN ? 'signin' : name in REGISTRATION ? 'register' : undefined;
    if (!kind) continue;
    charges.push({ limit: `${kind}-address`, key: address, cost: 1 });
    const definition = mutationType.getFields()[name];
    let args: Record<string, unknown> = {};
    try {
      args = definition ? getArgumentValues(definition, node, variables) : {};
    } catch {
      // Arguments that do not coerce fail at execution, before any account is touched.
    }
    const accounts = (kind === 'signin' ? SIGN_IN : REGISTRATION)[name](args);
    for (const a of accounts) if (typeof a === 'string' && a.trim()) charges.push({ limit: `${kind}-account`, key: limiter.accountKey(a), cost: 1 });
  }
  return charges;
}

function* rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): Generator<FieldNode> {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (!s.name.value.startsWith('__')) yield s;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      yield* rootFields(s.selectionSet, fragments, seen);
    } else {
      const fragment = fragments.get(s.name.value);
      if (!fragment || seen.has(s.name.value)) continue;
      yield* rootFields(fragment.selectionSet, fragments, new Set([...seen, s.name.value]));
    }
  }
}
