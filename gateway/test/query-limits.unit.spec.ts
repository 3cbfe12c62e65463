import { parse, type OperationDefinitionNode } from 'graphql';
import { measureOperation } from '../src/query-limits';

const measure = (q: string) => {
  const doc = parse(q);
  return measureOperation(doc, doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode);
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
