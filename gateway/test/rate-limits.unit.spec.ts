import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { addressKey, isListed, parseAddressList } from '../src/rate-limits/address-list';
import { fixedReplicas } from '../src/rate-limits/live-replicas';
import { chargesOf } from '../src/rate-limits/rate-limit.charges';
import { RateLimiter, type LimitName } from '../src/rate-limits/rate-limiter';
import { TokenBuckets } from '../src/rate-limits/token-buckets';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const minute = { capacity: 6, windowMs: 60_000 };

describe('token buckets', () => {
  it('lets a full bucket through, refuses the next, and says when one token is back', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(clock.now);
    for (let i = 0; i < 6; i++) expect(buckets.take([{ key: 'a', shape: minute, cost: 1 }])).toEqual({ allowed: true });
    // 6 per minute: one token every 10 s.
    expect(buckets.take([{ key: 'a', shape: minute, cost: 1 }])).toEqual({ allowed: false, retryAfterMs: 10_000, key: 'a' });
    clock.advance(4_000);
    expect(buckets.take([{ key: 'a', shape: minute, cost: 1 }])).toEqual({ allowed: false, retryAfterMs: 6_000, key: 'a' });
    clock.advance(6_000);
    expect(buckets.take([{ key: 'a', shape: minute, cost: 1 }])).toEqual({ allowed: true });
    // Another key has its own bucket.
    expect(buckets.take([{ key: 'b', shape: minute, cost: 1 }])).toEqual({ allowed: true });
  });

  it('takes several buckets all or nothing, and names the scarcest', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(clock.now);
    for (let i = 0; i < 6; i++) buckets.take([{ key: 'account', shape: minute, cost: 1 }]);
    const both = [
      { key: 'address', shape: minute, cost: 1 },
      { key: 'account', shape: minute, cost: 1 },
    ];
    expect(buckets.take(both)).toEqual({ allowed: false, retryAfterMs: 10_000, key: 'account' });
    // The refused request cost the address nothing: its six tokens are all there.
    for (let i = 0; i < 6; i++) expect(buckets.take([{ key: 'address', shape: minute, cost: 1 }]).allowed).toBe(true);
    expect(buckets.take([{ key: 'address', shape: minute, cost: 1 }]).allowed).toBe(false);
  });

  it('never holds more than the capacity, also after the capacity shrank', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(clock.now);
    buckets.take([{ key: 'a', shape: minute, cost: 1 }]);
    clock.advance(3_600_000);
    const half = { capacity: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) expect(buckets.take([{ key: 'a', shape: half, cost: 1 }]).allowed).toBe(true);
    expect(buckets.take([{ key: 'a', shape: half, cost: 1 }]).allowed).toBe(false);
  });

  it('forgets refilled buckets on a sweep, and the least recently used past its size', () => {
    const clock = manualClock();
    const buckets = new TokenBuckets(clock.now, 2);
    buckets.take([{ key: 'a', shape: minute, cost: 1 }]);
    buckets.take([{ key: 'b', shape: minute, cost: 1 }]);
    buckets.take([{ key: 'c', shape: minute, cost: 1 }]);
    expect(buckets.size).toBe(2);
    clock.advance(10_000);
    buckets.sweep(() => minute);
    expect(buckets.size).toBe(0);
  });
});

describe('addresses', () => {
  it('reads an allow-list of addresses and CIDR ranges, and says what is wrong with a bad one', () => {
    const parsed = parseAddressList(' 10.0.0.0/8, 192.168.1.7 ,2001:db8::/32');
    if (!('list' in parsed)) throw new Error(parsed.problem);
    expect(['10.1.2.3', '192.168.1.7', '2001:db8:1::5'].map((a) => isListed(parsed.list, a))).toEqual([true, true, true]);
    expect(['11.0.0.1', '192.168.1.8', '2001:db9::1', 'not-an-address'].map((a) => isListed(parsed.list, a))).toEqual([false, false, false, false]);
    expect(parseAddressList('10.0.0.0/33')).toEqual({ problem: expect.stringContaining('"10.0.0.0/33" is not an address or CIDR range') });
    expect(parseAddressList('example.org')).toEqual({ problem: expect.stringContaining('"example.org"') });
    expect(parseAddressList('')).toEqual({ list: expect.anything() });
  });

  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(addressKey('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8:abcd:12::99')).toBe('2001:db8:abcd:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
  });
});

/** The sign-in and registration mutations as the supergraph has them (SPEC.md's names). */
const SCHEMA = buildSchema(`
  type Query { agencies: [Agency!]! }
  type Agency { id: ID! }
  type Mutation {
    login(input: LoginInput!): AuthPayload!
    refreshSession(refreshToken: String!): AuthPayload!
    registerCitizen(input: RegisterCitizenInput!): AuthPayload!
    logout: Boolean!
  }
  input LoginInput { login: String! password: String! }
  input RegisterCitizenInput { nik: String! name: String! email: String! phone: String! password: String! }
  type AuthPayload { accessToken: String! }
`);

const limiters: RateLimiter[] = [];
afterAll(() => limiters.forEach((l) => l.stop()));

function limiterOf(perMinute: Partial<Record<LimitName, number>>, replicas = 1, exempt = '') {
  const clock = manualClock();
  const list = parseAddressList(exempt);
  if (!('list' in list)) throw new Error(list.problem);
  const all: Record<LimitName, number> = {
    'signin-address': 0,
    'signin-account': 0,
    'register-address': 0,
    'register-account': 0,
    'mutation-caller': 0,
    ...perMinute,
  };
  const limiter = new RateLimiter({ perMinute: all, exempt: list.list }, fixedReplicas(replicas), clock.now);
  limiters.push(limiter);
  return { limiter, clock };
}

function operationOf(source: string) {
  const document = parse(source);
  return { document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')! };
}

describe('what an operation is charged', () => {
  const { limiter } = limiterOf({});
  const charge = (source: string, variables: Record<string, unknown> = {}, userId?: string) => {
    const { document, operation } = operationOf(source);
    return chargesOf(operation, document, SCHEMA, variables, { address: '203.0.113.9', userId }, limiter);
  };

  it('charges nothing for a query', () => {
    expect(charge('{ agencies { id } }')).toEqual([]);
  });

  it('charges every root field of a mutation to the caller, aliases and fragments included', () => {
    const charges = charge('mutation { a: logout b: logout ...F } fragment F on Mutation { c: logout }', {}, 'user-1');
    expect(charges).toEqual([1, 2, 3].map(() => ({ limit: 'mutation-caller', key: 'user:user-1', cost: 1 })));
    expect(charge('mutation { logout }')).toEqual([{ limit: 'mutation-caller', key: 'address:203.0.113.9', cost: 1 }]);
  });

  it('charges a sign-in to its address and to its account, the same account however it is typed', () => {
    const byVariable = charge('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: 'Ani@Example.id', password: 'x' } });
    const inline = charge('mutation { login(input: { login: "  ani@example.ID ", password: "y" }) { accessToken } }');
    expect(byVariable).toEqual([
      { limit: 'mutation-caller', key: 'address:203.0.113.9', cost: 1 },
      { limit: 'signin-address', key: '203.0.113.9', cost: 1 },
      { limit: 'signin-account', key: expect.any(String), cost: 1 },
    ]);
    expect(inline).toEqual(byVariable);
    // The account is never kept as typed.
    expect(JSON.stringify(byVariable)).not.toContain('ani');
    const account = (n: string) => charge('mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', { t: n })[2].key;
    expect(account('3604 0141 0191 0001')).toBe(account('3604014101910001'));
  });

  it('charges a registration to its address, its NIK and its e-mail address', () => {
    const charges = charge('mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { accessToken } }', {
      i: { nik: '3604014101910001', email: 'ani@example.id', name: 'Ani', phone: '0812', password: 'p' },
    });
    expect(charges.map((c) => c.limit)).toEqual(['mutation-caller', 'register-address', 'register-account', 'register-account']);
    expect(charges[2].key).not.toBe(charges[3].key);
  });
});

describe('rate limits shared by replicas', () => {
  it('gives each of N replicas 1/N of a limit, refills it at 1/N of the rate, and exempts listed addresses', () => {
    const { limiter, clock } = limiterOf({ 'signin-account': 6 }, 3, '10.99.0.0/16');
    const login = (address: string) => limiter.charge(address, [{ limit: 'signin-account', key: 'acct', cost: 1 }]);
    expect([login('203.0.113.1'), login('203.0.113.2')]).toEqual([{ allowed: true }, { allowed: true }]);
    // 6 a minute over 3 replicas: 2 here, one more every 30 s.
    expect(login('203.0.113.3')).toEqual({ allowed: false, retryAfterSeconds: 30, limit: 'signin-account' });
    expect(login('10.99.4.5')).toEqual({ allowed: true });
    clock.advance(30_000);
    expect(login('203.0.113.3')).toEqual({ allowed: true });
  });

  it('turns a limit of 0 off', () => {
    const { limiter } = limiterOf({ 'signin-account': 0 });
    for (let i = 0; i < 100; i++)
      expect(limiter.charge('203.0.113.1', [{ limit: 'signin-account', key: 'acct', cost: 1 }])).toEqual({ allowed: true });
  });
});
