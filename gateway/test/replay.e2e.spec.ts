import { createPool, type GuardedPool } from '@serang/db';
import { PostgresEventStore } from '@serang/eventstore';
import { launchPlatform, SERVICE_NAMES, type RunningPlatform } from '@serang/local-infra';
import { SERVICES } from '@serang/service-definition/src/seeds';
import { attachDocuments, createTestDatabase, testPort, type TestDatabase } from '@serang/testing';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PlatformWorld } from './fixtures/platform-world';

/**
 * An event store written by the platform as it was on 2026-12-03 (before the one write path of
 * issue #11) replays into exactly the read models that platform built from it. The fixture (its
 * events, the vault keys that open their ciphertexts, the secrets) and the read models are
 * committed; `WRITE_REPLAY_FIXTURE=1` makes them again — only ever on a platform whose read models
 * are known to be right, since the test then compares against what it wrote.
 * `WRITE_REPLAY_FIXTURE=read-models` keeps the committed event store and writes only the read
 * models it replays into: for a projection that changed on purpose (review the diff of the tables).
 */
const FIXTURE = resolve(__dirname, 'fixtures/replay/event-store.json.gz');
const READ_MODELS = resolve(__dirname, 'fixtures/replay/read-models.json.gz');

/** The read models: every table a projection writes (write-side bookkeeping, keys and sessions are not). */
const PROJECTIONS = [
  'analytics.agencies',
  'analytics.applications',
  'analytics.daily_submissions',
  'catalogue.agencies',
  'catalogue.service_heads',
  'catalogue.services',
  'identity.agencies',
  'identity.agency_relations',
  'identity.agency_systems',
  'identity.oidc_clients',
  'identity.personal_data_access_log',
  'identity.persons',
  'notification.agency_staff',
  'notification.applications',
  'notification.erased_recipients',
  'notification.inbox',
  'request.application_documents',
  'request.application_timeline',
  'request.applications',
  'request.service_definitions',
];
/** Columns a projection stamps with its own clock, not the event's. */
const VOLATILE = new Set(['projected_at', 'updated_at', 'created_at', 'read_at']);

interface Fixture {
  secrets: { VAULT_MASTER_KEYS: string; BLIND_INDEX_KEY: string };
  events: Array<{
    position: string;
    event_id: string;
    stream_id: string;
    category: string;
    revision: string;
    type: string;
    data: unknown;
    metadata: unknown;
    recorded_at: string;
  }>;
  keys: Record<
    string,
    Array<{ person_id: string; wrapped_key: string | null; master_key_id: string | null; created_at: string; destroyed_at: string | null }>
  >;
}

describe('an event store written before the one write path replays into the same read models', () => {
  const writing = process.env.WRITE_REPLAY_FIXTURE === '1';
  const writingReadModels = writing || process.env.WRITE_REPLAY_FIXTURE === 'read-models';

  it('replays the committed event store into the committed read models', async () => {
    if (writing) await writeFixture();
    const fixture = JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as Fixture;
    const replayed = await replay(fixture);
    if (writingReadModels) writeFileSync(READ_MODELS, gzipSync(JSON.stringify(replayed, null, 1)));
    const expected = JSON.parse(gunzipSync(readFileSync(READ_MODELS)).toString('utf8')) as Record<string, unknown[]>;
    for (const table of PROJECTIONS) expect({ table, rows: replayed[table] }).toEqual({ table, rows: expected[table] });
    expect(existsSync(FIXTURE)).toBe(true);
  }, 600_000);
});

/** Loads the fixture into a fresh database, starts the platform on it, and reads the read models once they stop changing. */
async function replay(fixture: Fixture): Promise<Record<string, unknown[]>> {
  const db: TestDatabase = await createTestDatabase('replay');
  let platform: RunningPlatform | undefined;
  const pg: GuardedPool = createPool({ connectionString: db.url, max: 2, name: 'test' });
  try {
    const store = await PostgresEventStore.connect({ connectionString: db.url });
    await store.close();
    for (const e of fixture.events) {
      await pg.query(
        `insert into eventstore.events (position, stream_id, category, revision, event_id, type, data, metadata, recorded_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [e.position, e.stream_id, e.category, e.revision, e.event_id, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recorded_at],
      );
    }
    for (const [schema, rows] of Object.entries(fixture.keys)) {
      await pg.query(`create schema if not exists ${schema}`);
      await pg.query(
        `create table if not exists ${schema}.person_keys (person_id text primary key, wrapped_key bytea, master_key_id text, created_at timestamptz not null default now(), destroyed_at timestamptz, check ((wrapped_key is null) = (destroyed_at is not null)))`,
      );
      for (const k of rows) {
        await pg.query(
          `insert into ${schema}.person_keys (person_id, wrapped_key, master_key_id, created_at, destroyed_at) values ($1, $2, $3, $4, $5)`,
          [k.person_id, k.wrapped_key === null ? null : Buffer.from(k.wrapped_key, 'base64'), k.master_key_id, k.created_at, k.destroyed_at],
        );
      }
    }
    const base = testPort(4890);
    platform = await launchPlatform({
      databaseUrl: db.url,
      ports: { gateway: base, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, base + 1 + i])) },
      // No platform admin to seed (the fixture's is in its events), no SLA clock: only the events speak.
      env: { ...fixture.secrets, LOG_LEVEL: 'warn', SLA_SCAN_INTERVAL_SECONDS: '0', UPLOADS_DIR: `/tmp/serang-replay-${process.pid}` },
      withGateway: false,
    });
    // Caught up once every consumer of every service says it has nothing left to apply (its lag
    // metric: a slow machine can stall a consumer longer than a second) and two reads a second
    // apart agree.
    const caughtUp = async () => {
      for (const name of SERVICE_NAMES) {
        const text = await (await fetch(`${platform!.urls[name]}/metrics`)).text();
        const lags = [...text.matchAll(/^serang_consumer_lag_events\{[^}]*\} (\S+)$/gm)].map((m) => Number(m[1]));
        if (lags.some((lag) => lag !== 0)) return false;
      }
      return true;
    };
    let previous = '';
    for (let i = 0; i < 120; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = JSON.stringify(await readModels(pg));
      if (now === previous && (await caughtUp())) break;
      previous = now;
    }
    return JSON.parse(previous) as Record<string, unknown[]>;
  } finally {
    await platform?.stop();
    await pg.end();
    await db.drop();
  }
}

async function readModels(pg: GuardedPool): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of PROJECTIONS) {
    const [schema, name] = table.split('.');
    const exists = await pg.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = $2`, [schema, name]);
    if (!exists.rowCount) {
      out[table] = [];
      continue;
    }
    const { rows } = await pg.query<Record<string, unknown>>(`select * from ${table}`);
    out[table] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r)
            .filter(([k]) => !VOLATILE.has(k))
            .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString('base64') : v]),
        ),
      )
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/** The journey whose events make the fixture: every kind of event the platform writes today. */
async function writeFixture(): Promise<void> {
  const world = new PlatformWorld('store', testPort(4870));
  await world.start({ SLA_SCAN_INTERVAL_SECONDS: '0' });
  try {
    const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const r = await world.call(query, variables, token);
      if (r.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(r.errors)}`);
      return r.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const officer = await world.staff(['OFFICER'], 'disnakertrans', 'Petugas Replay');
    const admin = await world.staff(['AGENCY_ADMIN'], 'disnakertrans', 'Admin Replay');
    const bapendaOfficer = await world.staff(['OFFICER'], 'bapenda', 'Petugas Bapenda Replay');
    const system = await world.agencySystem('disnakertrans', 'SIAPkerja Replay');
    const ani = await world.citizen('Ani Replay');
    const budi = await world.citizen('Budi Replay');
    await gql(
      `mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`,
      { i: { address: 'Jl. Raya Serang 1, Kec. Cikande', birthDate: '1990-05-01' } },
      ani.token,
    );

    const AK1_FORM = {
      education: 'SMK',
      major: 'Teknik Las',
      graduationYear: 2023,
      skills: 'Las',
      desiredPosition: 'Juru las',
      maritalStatus: 'BELUM_KAWIN',
      heightCm: 168,
      weightKg: 60,
      phone: '081234567890',
    };
    const ak1 = SERVICES.find((s) => s.id === 'disnakertrans-ak1')!;
    const documents = await attachDocuments(
      world.platform.urls.gateway,
      ani.token,
      ak1.definition.requiredDocuments.filter((d) => d.required).map((d) => ({ code: d.code, image: !d.mediaTypes.includes('application/pdf') })),
    );
    const submitted = await gql(
      `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id version } }`,
      { i: { serviceId: ak1.id, formData: JSON.stringify(AK1_FORM), documents, idempotencyKey: 'replay-ak1' } },
      ani.token,
    );
    let app = submitted.submitApplication as { id: string; version: number };
    const step = async (who: typeof officer, action: string, extra: { note?: string; outputReference?: string } = {}) => {
      const r = await world.act(who, app.id, action, app.version, extra);
      if (r.errors) throw new Error(`${action}: ${JSON.stringify(r.errors)}`);
      app = { ...app, ...r.data!.transitionApplication };
    };
    await step(officer, 'CLAIM');
    await step(officer, 'START_VERIFICATION');
    await step(officer, 'REQUEST_REVISION', { note: 'Pasfoto kurang jelas' });
    const resubmitted = await gql(
      `mutation($id: ID!, $i: ResubmitApplicationInput!) { resubmitApplication(id: $id, input: $i) { version } }`,
      { id: app.id, i: { formData: JSON.stringify({ ...AK1_FORM, skills: 'Las SMAW' }), documents, idempotencyKey: 'replay-ak1-again' } },
      ani.token,
    );
    app = { ...app, version: resubmitted.resubmitApplication.version };
    await step(officer, 'APPROVE');
    await step(system, 'COMPLETE', { outputReference: 'AK1/2026/000123' });
    await gql(`query($id: ID!) { application(id: $id) { formData applicant { name } } }`, { id: app.id }, officer.token);
    await gql(
      `mutation($s: ID!, $r: String!) { revealPersonalData(subjectId: $s, reason: $r) { nik } }`,
      { s: ani.id, r: 'Verifikasi di loket untuk kartu AK/1' },
      officer.token,
    );

    const pbb = SERVICES.find((s) => s.id === 'bapenda-pbb-certificate')!;
    const budiApp = await world.submit(budi, pbb.id, {
      nop: '360401000100200300',
      taxpayerName: 'Hj. Aminah',
      taxYears: [2024, 2025],
      purpose: 'JUAL_BELI',
      phone: '081234567890',
    });
    const budiId = budiApp.data!.submitApplication.id;
    await world.act(bapendaOfficer, budiId, 'CLAIM', budiApp.data!.submitApplication.version);
    await gql(`mutation($id: ID!) { cancelApplication(id: $id) { status } }`, { id: budiId }, budi.token);

    const definition = SERVICES.find((s) => s.id === 'disnakertrans-ak1')!.definition;
    const draft = await gql(
      `mutation($i: CreateServiceDraftInput!) { createServiceDraft(input: $i) { id } }`,
      { i: { code: 'PELATIHAN', nameId: 'Pelatihan Kerja', nameEn: 'Job training', definitionJson: JSON.stringify(definition) } },
      admin.token,
    );
    const id = draft.createServiceDraft.id as string;
    await gql(
      `mutation($id: ID!, $i: UpdateServiceDraftInput!) { updateServiceDraft(id: $id, input: $i) { id } }`,
      { id, i: { nameId: 'Pelatihan Kerja BLK', nameEn: 'Vocational training', definitionJson: JSON.stringify(definition) } },
      admin.token,
    );
    await gql(`mutation($id: ID!) { publishService(id: $id) { id } }`, { id }, admin.token);
    await gql(`mutation($id: ID!) { retireService(id: $id) { id } }`, { id }, admin.token);

    const client = await gql(
      `mutation($i: RegisterOidcClientInput!) { registerOidcClient(input: $i) { client { id } } }`,
      { i: { agencyId: 'bapenda', name: 'ePBB Replay', redirectUris: ['https://epbb.serangkab.go.id/callback'] } },
      world.admin.token,
    );
    await gql(`mutation($id: ID!) { disableOidcClient(id: $id) { id } }`, { id: client.registerOidcClient.client.id }, world.admin.token);
    const invited = await gql(
      `mutation($i: InviteStaffInput!) { inviteStaff(input: $i) { id } }`,
      { i: { email: 'batal.replay@serangkab.go.id', roles: ['OFFICER'], agencyId: 'dinsos' } },
      world.admin.token,
    );
    await gql(`mutation($id: ID!) { revokeStaffInvitation(id: $id) }`, { id: invited.inviteStaff.id }, world.admin.token);
    const relogged = await world.login(ani.login, ani.password);
    await gql(`mutation { logout }`, {}, relogged.token);
    await gql(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: budi.id }, world.admin.token);
    // Let every consumer see the last event before the store is read.
    await new Promise((r) => setTimeout(r, 3000));

    const pg = createPool({ connectionString: world.db.url, max: 2, name: 'test' });
    try {
      const { rows: events } = await pg.query(
        `select position::text, event_id, stream_id, category, revision::text, type, data, metadata, recorded_at from eventstore.events order by position`,
      );
      const keys: Fixture['keys'] = {};
      for (const schema of ['identity', 'request']) {
        const { rows } = await pg.query(
          `select person_id, encode(wrapped_key, 'base64') as wrapped_key, master_key_id, created_at, destroyed_at from ${schema}.person_keys order by person_id`,
        );
        keys[schema] = rows as Fixture['keys'][string];
      }
      const fixture: Fixture = {
        secrets: { VAULT_MASTER_KEYS: world.env.VAULT_MASTER_KEYS, BLIND_INDEX_KEY: world.env.BLIND_INDEX_KEY },
        events: events as Fixture['events'],
        keys,
      };
      writeFileSync(FIXTURE, gzipSync(JSON.stringify(fixture)));
    } finally {
      await pg.end();
    }
  } finally {
    await world.stop();
  }
}
