import { SERVICES } from '@serang/service-definition/src/seeds';
import { attachDocuments, testPort } from '@serang/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createPool, type GuardedPool } from '@serang/db';
import { nik, PlatformWorld, type Gql, type Person } from './fixtures/platform-world';

/**
 * Issue #10, item 3, as a hostile client tries it: strings with NUL and other control characters,
 * broken UTF-16 and bidirectional overrides, and explicit nulls where a resolver expected nothing.
 * Each is a clear BAD_USER_INPUT (or just works), never INTERNAL_SERVER_ERROR, and changes nothing.
 */
describe('what strings and nulls a client may send (whole platform)', () => {
  const world = new PlatformWorld('store', testPort(4780));
  let pg: GuardedPool;
  let officer: Person;
  let citizen: Person;

  const head = async () => Number((await pg.query<{ p: string }>('select coalesce(max(position), 0) as p from eventstore.events')).rows[0].p);
  const reasonOf = (r: Gql) => r.errors?.[0]?.extensions?.reason;
  const codeOf = (r: Gql) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    await world.start({ SLA_SCAN_INTERVAL_SECONDS: '0' });
    pg = createPool({ connectionString: world.db.url, max: 2, name: 'test' });
    officer = await world.staff(['OFFICER'], 'disnakertrans', 'Petugas Masukan');
    citizen = await world.citizen('Warga Masukan');
  }, 240_000);
  afterAll(async () => {
    await pg?.end();
    await world.stop();
  });

  it('refuses NUL, other control characters and broken UTF-16 in variables and in the query text, at the gateway, and writes nothing', async () => {
    const before = await head();
    const register = (name: string) =>
      world.call(`mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { user { id } } }`, {
        i: { nik: nik(), name, email: `nul.${randomBytes(3).toString('hex')}@example.id`, phone: '0812-3456-7890', password: 'Warga-sandi-2026' },
      });
    for (const [bad, reason] of [
      ['Budi\u0000Santoso', 'TEXT.CONTROL_CHARACTER'],
      ['Budi\u001b[31m', 'TEXT.CONTROL_CHARACTER'],
      ['Budi\uD800', 'TEXT.INVALID_UNICODE'],
    ] as const) {
      const r = await register(bad);
      expect({ code: codeOf(r), reason: reasonOf(r) }).toEqual({ code: 'BAD_USER_INPUT', reason });
      expect(Object.keys(r.errors![0].extensions!.fields as object)).toEqual(['variables.i.name']);
    }
    const literal = await world.call(`{ service(id: "disnakertrans-ak1\\u0000") { id } }`);
    expect({ code: codeOf(literal), reason: reasonOf(literal) }).toEqual({ code: 'BAD_USER_INPUT', reason: 'TEXT.CONTROL_CHARACTER' });
    const english = await world.call(`query($id: ID!) { service(id: $id) { id } }`, { id: 'x\u0000' }, undefined, 'en');
    expect(english.errors![0].message).toBe('The text contains control characters that are not allowed.');
    expect(await head()).toBe(before);
  });

  it('refuses them at a subgraph too, for a caller that reaches it without the gateway', async () => {
    const res = await fetch(`${world.platform.urls.catalogue}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query($id: ID!) { service(id: $id) { id } }', variables: { id: 'a\u0000b' } }),
    });
    const r = (await res.json()) as Gql;
    expect({ code: codeOf(r), reason: reasonOf(r) }).toEqual({ code: 'BAD_USER_INPUT', reason: 'TEXT.CONTROL_CHARACTER' });
  });

  it('treats an explicit null for an optional argument or input field as absent', async () => {
    const all = await world.call<{ services: unknown[] }>(`{ services { id } }`);
    const calls: Array<[string, string, string | undefined]> = [
      ['services(filter: null)', `{ services(filter: null) { id } }`, undefined],
      ['services(filter: { agencyId: null })', `{ services(filter: { agencyId: null }) { id } }`, undefined],
      ['agencyQueue(filter: null)', `{ agencyQueue(filter: null) { id } }`, officer.token],
      ['staff(agencyId: null)', `{ staff(agencyId: null) { id } }`, world.admin.token],
      ['personalDataAccessLog(filter: null)', `{ personalDataAccessLog(filter: null) { at } }`, citizen.token],
      ['agencyPerformance(period: null)', `{ agencyPerformance(period: null) { agencyId } }`, world.admin.token],
    ];
    for (const [what, query, token] of calls) {
      const r = await world.call(query, {}, token);
      expect({ what, errors: r.errors }).toEqual({ what, errors: undefined });
    }
    const viaVariable = await world.call<{ services: unknown[] }>(`query($f: ServiceFilter) { services(filter: $f) { id } }`, { f: null });
    expect(viaVariable.data?.services).toHaveLength(all.data!.services.length);
  });

  it('stores names in NFC and refuses names with line breaks or bidirectional overrides', async () => {
    const decomposed = 'Jose\u0301 Rizal';
    const person = await world.citizen(decomposed);
    const me = await world.call<{ me: { name: string } }>(`{ me { name } }`, {}, person.token);
    expect(me.data?.me.name).toBe('Jos\u00e9 Rizal');

    for (const name of ['Budi\u202Egnp.exe', 'Budi\nSantoso']) {
      const r = await world.call(`mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { user { id } } }`, {
        i: { nik: nik(), name, email: `nama.${randomBytes(3).toString('hex')}@example.id`, phone: '0812-3456-7890', password: 'Warga-sandi-2026' },
      });
      expect({ code: codeOf(r), fields: Object.keys((r.errors?.[0].extensions?.fields as object) ?? {}) }).toEqual({
        code: 'BAD_USER_INPUT',
        fields: ['name'],
      });
    }
    const system = await world.call(
      `mutation($i: RegisterAgencySystemInput!) { registerAgencySystem(input: $i) { clientId } }`,
      { i: { agencyId: 'bapenda', name: 'SIAK\u202E' } },
      world.admin.token,
    );
    expect(codeOf(system)).toBe('BAD_USER_INPUT');
  });

  it('refuses control characters hidden inside the JSON of a form, naming the form field', async () => {
    const seed = SERVICES.find((s) => s.id === 'disnakertrans-ak1')!;
    const documents = await attachDocuments(
      world.platform.urls.gateway,
      citizen.token,
      seed.definition.requiredDocuments.filter((d) => d.required).map((d) => ({ code: d.code, image: !d.mediaTypes.includes('application/pdf') })),
    );
    const form = {
      education: 'SMK',
      major: 'Teknik\u0000Las',
      graduationYear: 2023,
      skills: 'Las',
      desiredPosition: 'Juru las',
      maritalStatus: 'BELUM_KAWIN',
      heightCm: 168,
      weightKg: 60,
      phone: '081234567890',
    };
    const before = await head();
    const r = await world.call(
      `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`,
      {
        i: { serviceId: seed.id, formData: JSON.stringify(form), documents, idempotencyKey: randomUUID() },
      },
      citizen.token,
    );
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(Object.keys(r.errors![0].extensions!.fields as object)).toContain('formData.major');
    expect(await head()).toBe(before);
  });
});
