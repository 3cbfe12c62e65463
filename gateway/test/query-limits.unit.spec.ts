import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { measureOperation } from '../src/query-limits';

const schema = buildSchema(`
  type Query { agencies: [Agency!]! services: [Service!]! myApplications(first: Int): [Application!]! application(id: ID!): Application queue(filter: Filter): [Application!]! }
  input Filter { first: Int status: String }
  type Agency { id: ID! code: String! }
  type Service { id: ID! agency: Agency! }
  type Application { id: ID! timeline: [Step!]! service: Service! }
  type Step { status: String! }
`);
const measure = (q: string, withSchema = false, variables: Record<string, unknown> = {}) => {
  const doc = parse(q);
  return measureOperation(
    doc,
    doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode,
    withSchema ? schema : undefined,
    variables,
  );
};

describe('query limits', () => {
  it('measures depth through nested selections and fragments', () => {
    expect(measure('{ agencies { id } }').depth).toBe(2);
    expect(measure('{ services { agency { id } } }').depth).toBe(3);
    expect(measure('query { services { ...S } } fragment S on Service { agency { ...A } } fragment A on Agency { id }').depth).toBe(3);
  });

  it('counts aliases, also inside fragments', () => {
    expect(measure('{ a: agencies { id } b: agencies { x: id } }').aliases).toBe(3);
    expect(measure('query { ...Q } fragment Q on Query { a: agencies { id } }').aliases).toBe(1);
  });

  it('multiplies the cost of fields inside lists by their page size', () => {
    expect(measure('{ agencies { id code } }').cost).toBe(1 + 2 * 10);
    expect(measure('{ myApplications(first: 100) { id timeline { status } } }').cost).toBe(1 + 100 * 2 + 100 * 10);
  });

  it('with the schema, multiplies only inside lists: one application and its one service cost little', () => {
    expect(measure('{ application(id: "a") { id service { id agency { id code } } } }', true).cost).toBe(7);
    expect(measure('{ application(id: "a") { id service { id agency { id code } } } }').cost).toBe(1 + 2 * 10 + 2 * 100 + 2 * 1000); // unknown fields count as lists
    expect(measure('{ myApplications(first: 20) { id service { agency { id } } timeline { status } } }', true).cost).toBe(1 + 20 * 5 + 20 * 10);
    expect(measure('query { application(id: "a") { ...A } } fragment A on Application { timeline { status } }', true).cost).toBe(1 + 1 + 10);
  });

  it('reads the page size from input objects and variables too', () => {
    expect(measure('{ queue(filter: { first: 100 }) { id } }', true).cost).toBe(1 + 100);
    expect(measure('query($f: Filter) { queue(filter: $f) { id } }', true, { f: { first: 500 } }).cost).toBe(1 + 500);
    expect(measure('query($n: Int) { myApplications(first: $n) { id } }', true, { n: 80 }).cost).toBe(1 + 80);
    expect(measure('{ queue(filter: { status: "X" }) { id } }', true).cost).toBe(1 + 10);
  });

  it('ignores introspection fields', () => {
    expect(measure('{ __typename agencies { __typename id } }')).toEqual({ depth: 2, aliases: 0, cost: 11 });
  });
});

import { clientAddress } from '../src/caller';

describe('client address forwarded to the subgraphs', () => {
  it('is the socket peer unless trusted proxies stand in front', () => {
    expect(clientAddress('6.6.6.6', '::ffff:10.0.0.5', 0)).toBe('10.0.0.5'); // a client's own header is not trusted
    expect(clientAddress('6.6.6.6, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7'); // what the ingress saw
    expect(clientAddress(undefined, '127.0.0.1', 1)).toBe('127.0.0.1');
  });
});
