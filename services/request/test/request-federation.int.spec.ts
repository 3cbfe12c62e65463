import { createPool } from '@serang/db';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  attachDocuments,
  createTestDatabase,
  gql,
  runToExit,
  startServiceProcess,
  startTestIssuer,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { Pool } from 'pg';

const REQUEST_PORT = testPort(4933);
const CATALOGUE_PORT = testPort(4934);
/** A filled-in form of the seeded AK/1 service (libs/service-definition/src/seeds/disnakertrans.seed.ts). */
const ak1Form = (education: string) =>
  JSON.stringify({
    education,
    major: 'Tata Busana',
    graduationYear: 2022,
    skills: 'menjahit',
    desiredPosition: 'Operator jahit',
    maritalStatus: 'BELUM_KAWIN',
    heightCm: 158,
    weightKg: 50,
    phone: '081234567890',
  });
/** The AK/1 documents (KTP, diploma, photo), uploaded as that citizen. */
const ak1Documents = (url: string, token: string) => attachDocuments(url, token, ['KTP', 'IJAZAH', { code: 'PAS_FOTO', image: true }]);
const sdlOf = async (url: string) => (await gql<{ _service: { sdl: string } }>(url, '{ _service { sdl } }')).data!._service.sdl;

/** Request next to the real catalogue: the supergraph composes, and catalogue's events feed request. */
describe('request with catalogue (both in their own processes, real PostgreSQL)', () => {
  let db: TestDatabase;
  let pg: Pool;
  let issuer: TestIssuer;
  let request: RunningProcess;
  let catalogue: RunningProcess | undefined;
  let supergraphSdl = '';
  const env = (db: TestDatabase) => ({ DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('request_fed');
    pg = createPool({ connectionString: db.url, max: 1, name: 'test' });
    [request, catalogue] = await Promise.all([
      startServiceProcess(
        'services/request/src/main.ts',
        { ...env(db), VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}` },
        REQUEST_PORT,
      ),
      startServiceProcess('services/catalogue/src/main.ts', env(db), CATALOGUE_PORT),
    ]);
  });
  afterAll(async () => {
    await Promise.all([request?.stop(), catalogue?.stop()]);
    await pg?.end();
    await issuer?.close();
    await db?.drop();
  });

  it('references catalogue’s Service by id and version, and the supergraph composes', async () => {
    const [requestSdl, catalogueSdl] = await Promise.all([sdlOf(request.url), sdlOf(catalogue!.url)]);
    expect(requestSdl).toMatch(/type Service\s+@key\(fields: "id version", resolvable: false\)\s+\{\s+id: ID!\s+version: Int!\s+\}/);
    const result = composeServices([
      { name: 'catalogue', url: 'http://catalogue/graphql', typeDefs: parse(catalogueSdl) },
      { name: 'request', url: 'http://request/graphql', typeDefs: parse(requestSdl) },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toMatch(/type Application[^}]*service: Service!/);
    supergraphSdl = result.supergraphSdl!;
  });

  it('keeps its own copy of catalogue’s published services, fed by catalogue’s own events', async () => {
    const deadline = Date.now() + 30_000;
    let copies = 0;
    while (Date.now() < deadline && copies === 0) {
      copies = (await pg.query(`select count(*)::int as n from request.service_definitions where id = 'disnakertrans-ak1'`)).rows[0].n;
      if (!copies) await new Promise((r) => setTimeout(r, 100));
    }
    expect(copies).toBe(1);
  });

  it('resolves an application’s service in catalogue, as published in the version it was submitted under', async () => {
    const urls: Record<string, string> = { catalogue: `${catalogue!.url}/graphql`, request: `${request.url}/graphql` };
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) =>
        new RemoteGraphQLDataSource<{ authorization?: string }>({
          url: urls[name],
          willSendRequest: ({ request: sub, context }) =>
            void (context.authorization && sub.http?.headers.set('authorization', context.authorization)),
        }),
    });
    const server = new ApolloServer<{ authorization?: string }>({ gateway });
    await server.start();
    try {
      const token = await issuer.token({ sub: `citizen-${randomUUID()}`, roles: ['CITIZEN'] });
      const res = await server.executeOperation(
        {
          query:
            'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { status service { id version code nameEn slaWorkingDays } } }',
          variables: {
            input: {
              serviceId: 'disnakertrans-ak1',
              formData: ak1Form('S1'),
              documents: await ak1Documents(request.url, token),
              idempotencyKey: randomUUID(),
            },
          },
        },
        { contextValue: { authorization: `Bearer ${token}` } },
      );
      const body = res.body.kind === 'single' ? res.body.singleResult : undefined;
      expect(body?.errors).toBeUndefined();
      expect(body?.data?.submitApplication).toEqual({
        status: 'SUBMITTED',
        service: { id: 'disnakertrans-ak1', version: 1, code: 'AK1', nameEn: 'Job-seeker card (AK/1)', slaWorkingDays: 3 },
      });
    } finally {
      await server.stop();
    }
  });

  it('runs a service an agency admin authored in catalogue, and stops taking applications once it is retired', async () => {
    const admin = {
      authorization: `Bearer ${await issuer.token({ sub: `admin-${randomUUID()}`, roles: ['AGENCY_ADMIN'], agency: 'disnakertrans' })}`,
    };
    const citizen = { authorization: `Bearer ${await issuer.token({ sub: `citizen-${randomUUID()}`, roles: ['CITIZEN'] })}` };
    // The seeded AK/1 definition, as an admin would start a new service from it.
    const ak1 = await gql<{ service: { definitionJson: string } }>(catalogue!.url, '{ service(id: "disnakertrans-ak1") { definitionJson } }');
    const created = await gql<{ createServiceDraft: { id: string } }>(
      catalogue!.url,
      'mutation($input: CreateServiceDraftInput!) { createServiceDraft(input: $input) { id } }',
      {
        input: {
          code: 'AK1-DIFABEL',
          nameId: 'Kartu AK/1 Pencari Kerja Disabilitas',
          nameEn: 'AK/1 card for job seekers with disabilities',
          definitionJson: ak1.data!.service.definitionJson,
        },
      },
      admin,
    );
    const id = created.data!.createServiceDraft.id;
    expect((await gql(catalogue!.url, 'mutation($id: ID!) { publishService(id: $id) { id } }', { id }, admin)).errors).toBeUndefined();
    const documents = await ak1Documents(request.url, citizen.authorization.slice(7));
    const apply = (lang = 'id') =>
      gql<{ submitApplication: { status: string; service: { id: string; version: number } } }>(
        request.url,
        'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { status service { id version } } }',
        { input: { serviceId: id, formData: ak1Form('SMK'), documents, idempotencyKey: randomUUID() } },
        { ...citizen, 'accept-language': lang },
      );
    // Request learns of the publication and the retirement from catalogue's events, a moment later.
    const until = async <T>(fn: () => Promise<T>, done: (v: T) => boolean): Promise<T> => {
      const deadline = Date.now() + 30_000;
      for (let v = await fn(); ; v = await fn()) {
        if (done(v) || Date.now() > deadline) return v;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const first = await until(apply, (r) => r.errors?.[0].extensions?.code !== 'NOT_FOUND');
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitApplication).toEqual({ status: 'SUBMITTED', service: { id, version: 1 } });

    expect((await gql(catalogue!.url, 'mutation($id: ID!) { retireService(id: $id) { status } }', { id }, admin)).errors).toBeUndefined();
    const after = await until(
      () => apply('en'),
      (r) => r.errors !== undefined,
    );
    expect(after.errors?.[0]).toMatchObject({
      message: `The service ${id} no longer takes new applications.`,
      extensions: { code: 'CONFLICT', reason: 'SERVICE.RETIRED' },
    });
  });

  it('accepts applications while catalogue is down', async () => {
    await catalogue!.stop();
    catalogue = undefined;
    const token = await issuer.token({ sub: `citizen-${randomUUID()}`, roles: ['CITIZEN'] });
    const res = await gql<{ submitApplication: { status: string; service: { id: string; version: number } } }>(
      request.url,
      'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { status service { id version } } }',
      {
        input: {
          serviceId: 'disnakertrans-ak1',
          formData: ak1Form('SMA'),
          documents: await ak1Documents(request.url, token),
          idempotencyKey: randomUUID(),
        },
      },
      { authorization: `Bearer ${token}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.submitApplication).toEqual({ status: 'SUBMITTED', service: { id: 'disnakertrans-ak1', version: 1 } });
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const missing = await runToExit('services/request/src/main.ts', {
      ...env(db),
      PORT: String(REQUEST_PORT + 1),
      VAULT_MASTER_KEYS: '',
      HOLIDAYS: '2026-08-17,2026-02-30',
      TRACKING_PREFIX: 'srg',
    });
    expect(missing.code).toBe(78);
    expect(missing.output).toContain('VAULT_MASTER_KEYS: not set');
    expect(missing.output).toContain('HOLIDAYS: not ISO dates (YYYY-MM-DD): 2026-02-30');
    expect(missing.output).toContain('TRACKING_PREFIX');
    const shortKey = await runToExit('services/request/src/main.ts', {
      ...env(db),
      PORT: String(REQUEST_PORT + 1),
      VAULT_MASTER_KEYS: `k1:${randomBytes(16).toString('base64')}`,
    });
    expect(shortKey.code).toBe(78);
    expect(shortKey.output).toContain('VAULT_MASTER_KEYS: key "k1" is 16 bytes, expected 32');
  });
});
