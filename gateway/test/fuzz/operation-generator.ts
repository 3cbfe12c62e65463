import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

/** A small, fast, seeded PRNG (mulberry32): the same seed makes the same run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedOperation {
  field: string;
  kind: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Strings a hostile or careless client sends: empty, huge, control characters, broken UTF-16,
 * bidi overrides, SQL and path fragments, JSON in strings, plausible ids of this platform. Some
 * are refused at the boundary, some by a decider, some simply find nothing: none may break anything.
 */
const STRINGS = [
  '',
  ' ',
  'a',
  'x'.repeat(5_000),
  'Siti Rahmawati',
  'Jose\u0301',
  'nul\u0000byte',
  'esc\u001b[31m',
  'half\uD800',
  'bidi\u202Etxt.exe',
  "' or 1=1 --",
  '"; drop table eventstore.events; --',
  '../../../../etc/passwd',
  '%00%0a',
  '{"a":1}',
  '[1,2,3]',
  '{"education":"SMK","major":"Las"}',
  'null',
  '<script>alert(1)</script>',
  '🙂🙂🙂',
  'disnakertrans-ak1',
  'disnakertrans',
  'bapenda-pbb-certificate',
  'dinsos',
  'SRG-26-7K3F9Q-X',
  '3604014509900001',
  '081234567890',
  'warga@example.id',
  'CLAIM',
  'APPROVE',
  'REQUEST_REVISION',
  '2026-13-45',
  '2026-01-01',
  '00000000-0000-7000-8000-000000000000',
  '01900000-0000-7000-8000-0000000000ff',
  'https://example.id/callback',
  'http://127.0.0.1:1/x',
  'sys_000000000000000000000000',
];

const INTS = [0, 1, -1, 2, 7, 100, 2_147_483_647, -2_147_483_648, 50_000];
const FLOATS = [0, -0.5, 1.5, 1e308, -1e308, 3.14159];

export class OperationGenerator {
  private readonly rand: () => number;
  private readonly queryFields: Array<GraphQLField<unknown, unknown>>;
  private readonly mutationFields: Array<GraphQLField<unknown, unknown>>;

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
    /** Root fields never generated (e.g. those that end the fuzzing callers' own sessions). */
    private readonly exclude: ReadonlySet<string> = new Set(),
  ) {
    this.rand = prng(seed);
    this.queryFields = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((f) => !f.name.startsWith('_'));
    this.mutationFields = Object.values(schema.getMutationType()?.getFields() ?? {});
  }

  /** Every root field the generator draws from (so a test can say it covered them all). */
  rootFields(): string[] {
    return [...this.queryFields, ...this.mutationFields].map((f) => f.name).filter((n) => !this.exclude.has(n));
  }

  /** One operation on one root field (the i-th of the cycle, so every field comes up in turn). */
  next(i: number): GeneratedOperation {
    const fields = [...this.queryFields.map((f) => ['query', f] as const), ...this.mutationFields.map((f) => ['mutation', f] as const)].filter(
      ([, f]) => !this.exclude.has(f.name),
    );
    const [kind, field] = this.chance(0.5) ? fields[i % fields.length] : this.pick(fields);
    const variables: Record<string, unknown> = {};
    const definitions: string[] = [];
    const args = this.argumentsOf(field.args, variables, definitions, 'v');
    const selection = this.selectionOf(field.type, 0);
    const query = `${kind} Fuzz${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args} ${selection} }`;
    return { field: field.name, kind, query, variables };
  }

  private argumentsOf(args: readonly GraphQLArgument[], variables: Record<string, unknown>, definitions: string[], prefix: string): string {
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type);
      // Mostly what a client must send; sometimes leave out a required one (a validation error).
      if (!required && this.chance(0.4)) continue;
      if (required && this.chance(0.03)) continue;
      const name = `${prefix}_${arg.name}`;
      if (this.chance(0.85)) {
        definitions.push(`$${name}: ${String(arg.type)}`);
        // Now and then a value of the wrong type for its variable (a 400 from validation).
        variables[name] = this.chance(0.04) ? this.pick<unknown>(['x', 1, true, {}, []]) : this.value(arg.type, 0);
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${literal(this.value(arg.type, 0), arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  private value(type: GraphQLInputType, depth: number): unknown {
    if (!isNonNullType(type) && this.chance(0.1)) return null;
    const t = getNullableType(type) as GraphQLInputType;
    if (isListType(t)) {
      const n = this.chance(0.05) ? 60 : Math.floor(this.rand() * 4);
      return Array.from({ length: n }, () => this.value(t.ofType, depth + 1));
    }
    if (isEnumType(t)) return this.pick(t.getValues()).value ?? this.pick(t.getValues()).name;
    if (isInputObjectType(t)) {
      const out: Record<string, unknown> = {};
      for (const f of Object.values(t.getFields())) {
        if (!isNonNullType(f.type) && this.chance(0.5)) continue;
        out[f.name] = depth > 4 ? null : this.value(f.type, depth + 1);
      }
      return out;
    }
    if (isScalarType(t)) {
      switch (t.name) {
        case 'Int':
          return this.pick(INTS);
        case 'Float':
          return this.pick(FLOATS);
        case 'Boolean':
          return this.chance(0.5);
        default:
          return this.pick(STRINGS);
      }
    }
    return null;
  }

  private selectionOf(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isUnionType(named))
      return `{ __typename ${named
        .getTypes()
        .map((t) => `... on ${t.name} ${this.selectionOf(t, depth + 1) || '{ __typename }'}`)
        .join(' ')} }`;
    if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
    const fields = Object.values((named as GraphQLObjectType).getFields()).filter((f) => !f.name.startsWith('_'));
    const chosen = fields.filter(() => this.chance(depth === 0 ? 0.6 : 0.35));
    const parts: string[] = ['__typename'];
    for (const f of chosen) {
      if (f.args.some((a) => isNonNullType(a.type))) continue; // nested fields with required arguments: left to root generation
      const sub = isLeafType(getNamedType(f.type)) ? '' : depth >= 2 ? '{ __typename }' : this.selectionOf(f.type, depth + 1);
      parts.push(`${f.name} ${sub}`.trim());
    }
    return `{ ${parts.join(' ')} }`;
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)];
  }
}

/** A value as a GraphQL literal of its type (enum values bare, strings quoted). */
function literal(v: unknown, type: GraphQLInputType): string {
  if (v === null || v === undefined) return 'null';
  const t = getNullableType(type) as GraphQLInputType;
  if (Array.isArray(v)) return `[${v.map((x) => literal(x, isListType(t) ? t.ofType : t)).join(', ')}]`;
  if (isEnumType(t) && typeof v === 'string') return v;
  if (isInputObjectType(t) && typeof v === 'object') {
    const fields = t.getFields();
    return `{ ${Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${literal(x, fields[k].type)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(v);
}
