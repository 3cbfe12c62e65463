import { createTestDatabase, gql, runToExit, startServiceProcess, type RunningProcess, type TestDatabase, testPort } from '@serang/testing';
import { Client } from 'pg';

const SEEDED = [
  'disnakertrans-ak1',
  'disnakertrans-job-fair',
  'disdukcapil-kk-update',
  'disdukcapil-akta-lahir',
  'bapenda-pbb-certificate',
  'kesbangpol-research-recommendation',
  'dinsos-dtks',
];

const PORT = testPort(4903);
const baseEnv = (db: TestDatabase) => ({
  DATABASE_URL: db.url,
  IDENTITY_JWKS_URL: `http://127.0.0.1:${testPort(4901)}/.well-known/jwks.json`,
  LOG_LEVEL: 'warn',
});

describe('catalogue service (its own process, real PostgreSQL)', () => {
  let db: TestDatabase;
  let svc: RunningProcess;
  beforeAll(async () => {
    db = await createTestDatabase('catalogue');
    svc = await startServiceProcess('services/catalogue/src/main.ts', baseEnv(db), PORT);
  });
  afterAll(async () => {
    await svc?.stop();
    await db?.drop();
  });

  const agencies = async (lang = 'id') =>
    (await gql<{ agencies: Array<{ id: string; name: string }> }>(svc.url, '{ agencies { id name } }', {}, { 'accept-language': lang })).data!
      .agencies;

  it('seeds the 30 agencies once, named in the caller language', async () => {
    let list: Array<{ id: string; name: string }> = [];
    for (let i = 0; i < 100 && list.length < 30; i++) {
      list = await agencies();
      if (list.length < 30) await new Promise((r) => setTimeout(r, 100));
    }
    expect(list).toHaveLength(30);
    expect(list.find((a) => a.id === 'disdukcapil')?.name).toBe('Dinas Kependudukan dan Pencatatan Sipil');
    expect((await agencies('en-US,en;q=0.9')).find((a) => a.id === 'disdukcapil')?.name).toBe('Population and Civil Registration Office');
  });

  it('seeds the first services, published as version 1 with their whole workflows, in the caller language', async () => {
    const query = `{ services { id version name agency { id } description slaWorkingDays fee { amount free } requiredDocuments { code name required mediaTypes maxBytes }
      workflow { states { code name start terminal outcome needsCitizen slaWorkingDays cancellable } actions { code name from to roles requiresNote requiresOutputReference } } } }`;
    type Listed = {
      id: string;
      version: number;
      name: string;
      agency: { id: string };
      description: string;
      slaWorkingDays: number;
      fee: { amount: number; free: boolean };
      requiredDocuments: Array<{ code: string; name: string; required: boolean; mediaTypes: string[]; maxBytes: number }>;
      workflow: {
        states: Array<{
          code: string;
          name: string;
          start: boolean;
          terminal: boolean;
          outcome: string | null;
          needsCitizen: boolean;
          slaWorkingDays: number | null;
          cancellable: boolean;
        }>;
        actions: Array<{
          code: string;
          name: string;
          from: string[];
          to: string;
          roles: string[];
          requiresNote: boolean;
          requiresOutputReference: boolean;
        }>;
      };
    };
    let list: Listed[] = [];
    for (let i = 0; i < 100 && list.length < SEEDED.length; i++) {
      list = (await gql<{ services: Listed[] }>(svc.url, query, {}, { 'accept-language': 'en' })).data!.services;
      if (list.length < SEEDED.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(list.map((s) => s.id).sort()).toEqual([...SEEDED].sort());
    expect(list.every((s) => s.version === 1 && s.fee.free)).toBe(true);
    const ak1 = list.find((s) => s.id === 'disnakertrans-ak1')!;
    expect(ak1).toMatchObject({ name: 'Job-seeker card (AK/1)', agency: { id: 'disnakertrans' }, slaWorkingDays: 3 });
    expect(ak1.description).toMatch(/^Issues the job-seeker card/);
    expect(ak1.requiredDocuments.find((d) => d.code === 'PAS_FOTO')).toEqual({
      code: 'PAS_FOTO',
      name: 'Colour passport photo, 3×4 cm',
      required: true,
      mediaTypes: ['image/jpeg', 'image/png'],
      maxBytes: 1048576,
    });
    expect(ak1.workflow.states.find((s) => s.code === 'REVISION_REQUESTED')).toMatchObject({
      needsCitizen: true,
      slaWorkingDays: null,
      cancellable: true,
    });
    expect(ak1.workflow.states.find((s) => s.code === 'VERIFYING')).toMatchObject({ name: 'Checking the documents', slaWorkingDays: 2 });
    expect(ak1.workflow.actions.find((a) => a.code === 'COMPLETE')).toEqual({
      code: 'COMPLETE',
      name: 'Issue the AK/1 card',
      from: ['APPROVED'],
      to: 'COMPLETED',
      roles: ['OFFICER', 'AGENCY_ADMIN', 'AGENCY_SYSTEM'],
      requiresNote: false,
      requiresOutputReference: true,
    });
    expect(ak1.workflow.actions.find((a) => a.code === 'REJECT')).toMatchObject({ requiresNote: true, from: ['SUBMITTED', 'VERIFYING'] });
    const dtks = list.find((s) => s.id === 'dinsos-dtks')!;
    expect(dtks.workflow.states.map((s) => s.code)).toEqual([
      'SUBMITTED',
      'ADMIN_VERIFICATION',
      'REVISION_REQUESTED',
      'FIELD_VERIFICATION',
      'VILLAGE_DELIBERATION',
      'PROPOSED',
      'COMPLETED',
      'REJECTED',
    ]);
    expect(dtks.workflow.states.find((s) => s.code === 'PROPOSED')?.cancellable).toBe(false);
    const pbb = await gql<{ service: { name: string; workflow: { states: Array<{ name: string }> } } }>(
      svc.url,
      '{ service(id: "bapenda-pbb-certificate") { name workflow { states { name } } } }',
    );
    expect(pbb.data!.service.name).toBe('Surat Keterangan Lunas PBB');
    expect(pbb.data!.service.workflow.states[0].name).toBe('Diajukan');
  });

  it('does not seed twice when restarted on the same data', async () => {
    const countEvents = async () => {
      const pg = new Client({ connectionString: db.url });
      await pg.connect();
      try {
        const { rows } = await pg.query<{ stream_id: string; n: number }>(
          'select stream_id, count(*)::int as n from eventstore.events group by stream_id',
        );
        return rows.sort((a, b) => (a.stream_id < b.stream_id ? -1 : 1));
      } finally {
        await pg.end();
      }
    };
    const before = await countEvents();
    expect(before.filter((r) => r.stream_id.startsWith('service-'))).toEqual(
      SEEDED.map((id) => ({ stream_id: `service-${id}`, n: 2 })).sort((a, b) => (a.stream_id < b.stream_id ? -1 : 1)),
    );
    await svc.stop();
    svc = await startServiceProcess('services/catalogue/src/main.ts', baseEnv(db), PORT);
    expect(await countEvents()).toEqual(before);
    expect(await agencies()).toHaveLength(30);
    const services = await gql<{ services: Array<{ id: string; version: number }> }>(svc.url, '{ services { id version } }');
    expect(services.data!.services.every((s) => s.version === 1)).toBe(true);
    expect(services.data!.services).toHaveLength(SEEDED.length);
  });

  it('answers NOT_FOUND in the caller language', async () => {
    const res = await gql(svc.url, '{ agency(id: "nope") { id } }', {}, { 'accept-language': 'en' });
    expect(res.errors?.[0]).toMatchObject({ message: 'Agency nope was not found.', extensions: { code: 'NOT_FOUND', reason: 'AGENCY.NOT_FOUND' } });
    const id = await gql(svc.url, '{ agency(id: "nope") { id } }');
    expect(id.errors?.[0].message).toBe('Instansi nope tidak ditemukan.');
  });

  it('serves health and metrics', async () => {
    expect((await fetch(`${svc.url}/health/live`)).status).toBe(200);
    const ready = await (await fetch(`${svc.url}/health/ready`)).json();
    expect(ready).toMatchObject({ status: 'ready', checks: { store: 'ok', bus: 'ok' } });
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/serang_graphql_requests_total\{service="catalogue",operation="[^"]+",outcome="(ok|error)"\} \d+/);
  });

  it('refuses bad configuration with a message naming the variable', async () => {
    const { code, output } = await runToExit('services/catalogue/src/main.ts', {
      ...baseEnv(db),
      PORT: 'eighty',
      EVENT_BUS: 'kafka',
      KAFKA_BROKERS: '',
    });
    expect(code).toBe(78);
    expect(output).toContain('PORT');
    expect(output).toContain('KAFKA_BROKERS: required when EVENT_BUS=kafka');
  });
});
