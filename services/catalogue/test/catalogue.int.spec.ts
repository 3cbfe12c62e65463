import { createTestDatabase, gql, runToExit, startServiceProcess, type RunningProcess, type TestDatabase } from '@serang/testing';

const PORT = 4902;
const baseEnv = (db: TestDatabase) => ({ DATABASE_URL: db.url, IDENTITY_JWKS_URL: 'http://127.0.0.1:4901/.well-known/jwks.json', LOG_LEVEL: 'warn' });

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

  const agencies = async (lang = 'id') => (await gql<{ agencies: Array<{ id: string; name: string }> }>(svc.url, '{ agencies { id name } }', {}, { 'accept-language': lang })).data!.agencies;

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

  it('does not seed twice when restarted on the same data', async () => {
    await svc.stop();
    svc = await startServiceProcess('services/catalogue/src/main.ts', baseEnv(db), PORT);
    await new Promise((r) => setTimeout(r, 500));
    expect(await agencies()).toHaveLength(30);
    const services = await gql<{ services: Array<{ id: string; version: number }> }>(svc.url, '{ services { id version } }');
    expect(services.data!.services.every((s) => s.version === 1)).toBe(true);
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
    const { code, output } = await runToExit('services/catalogue/src/main.ts', { ...baseEnv(db), PORT: 'eighty', EVENT_BUS: 'kafka', KAFKA_BROKERS: '' });
    expect(code).toBe(78);
    expect(output).toContain('PORT');
    expect(output).toContain('KAFKA_BROKERS: required when EVENT_BUS=kafka');
  });
});
