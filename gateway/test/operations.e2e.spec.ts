import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ensurePrometheusTools,
  launchPlatform,
  SERVICE_NAMES,
  startPrometheus,
  type PrometheusTools,
  type RunningPlatform,
  type RunningPrometheus,
} from '@serang/local-infra';
import { attachDocuments, createTestDatabase, TEST_DATA_DIR, testKafkaBrokers, testPort, type TestDatabase } from '@serang/testing';
import { parse } from 'yaml';
import { alertRules, alertSignals, CLUSTER_METRIC, HOOK_METRIC, panelQueries, RULES_FILE } from '../../infra/grafana/queries';

type GqlResult<T> = { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
type PromAnswer = {
  status: string;
  error?: string;
  data: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
};

const ADMIN = { email: 'admin@operations.test', password: 'Operations-admin-2026' };
const BURST = 20;
const FORM = {
  education: 'SMK',
  major: 'Teknik Pengelasan',
  graduationYear: 2023,
  skills: 'Pengelasan dan instalasi listrik',
  desiredPosition: 'Juru las',
  maritalStatus: 'BELUM_KAWIN',
  heightCm: 168,
  weightKg: 60,
  phone: '081234567890',
};

/**
 * No dead panel ships: the platform in Kafka mode, scraped every second by a real Prometheus with
 * the committed alert rules loaded, takes a citizen's journey and a short burst of submissions;
 * then every dashboard panel's query and every alert's expression (thresholds removed) is asked of
 * Prometheus' HTTP API, and any that errs or returns no series fails the test. Panels on cluster
 * metrics (pods, the PostgreSQL and Kafka exporters) and the notification-delivery hook are checked
 * on synthetic series instead (operations.unit.spec.ts).
 */
describe('operations on a real Prometheus (Kafka mode)', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let prometheus: RunningPrometheus;
  let tools: PrometheusTools;
  let url: string;
  const basePort = testPort(5300);
  const promData = resolve(TEST_DATA_DIR, `prometheus-${process.pid}`);
  const ports = { gateway: basePort, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, basePort + 1 + i])) } as Record<string, number>;

  const call = async <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResult<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  };
  const until = async <T>(fn: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await fn();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const promQuery = async (query: string): Promise<PromAnswer> =>
    (await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query })}`)).json() as Promise<PromAnswer>;
  const value = async (query: string): Promise<number | undefined> => {
    const r = await promQuery(query);
    return r.data?.result?.[0] ? Number(r.data.result[0].value[1]) : undefined;
  };

  beforeAll(async () => {
    tools = ensurePrometheusTools();
    db = await createTestDatabase('operations');
    platform = await launchPlatform({
      databaseUrl: db.url,
      ports,
      env: {
        LOG_LEVEL: 'warn',
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        PLATFORM_ADMIN_EMAIL: ADMIN.email,
        PLATFORM_ADMIN_PASSWORD: ADMIN.password,
        EVENT_BUS: 'kafka',
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_PARTITIONS: '3',
        KAFKA_NAMESPACE: `ops-${randomBytes(3).toString('hex')}`,
      },
      onOutput: (name, line) => {
        if (/"level":(50|60)/.test(line) || !line.startsWith('{')) process.stderr.write(`[operations] ${name}: ${line}\n`);
      },
    });
    url = platform.gatewayUrl;
    const jobs = Object.entries(ports).map(([name, port]) => `  - job_name: serang-${name}\n    static_configs: [{targets: ['127.0.0.1:${port}']}]`);
    prometheus = await startPrometheus({
      port: testPort(5390),
      dataDir: promData,
      tools,
      config: `global: {scrape_interval: 1s, evaluation_interval: 1s}\nrule_files: ['${RULES_FILE}']\nscrape_configs:\n${jobs.join('\n')}\n`,
    });
  });
  afterAll(async () => {
    await prometheus?.stop();
    rmSync(promData, { recursive: true, force: true });
    await platform?.stop();
    await db?.drop();
  });

  it("serves metrics that promtool finds clean (prom-client's own defaults aside)", async () => {
    for (const [name, port] of Object.entries(ports)) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const checked = spawnSync(tools.promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const problems = (checked.stdout + checked.stderr).split('\n').filter((l) => l.trim() && !/^(process_|nodejs_)/.test(l.trim()));
      expect({ name, problems }).toEqual({ name, problems: [] });
    }
  });

  it('takes a journey and a burst, and every panel and alert expression answers with series', async () => {
    // The journey: a citizen registers, signs in (once wrongly), browses, uploads and submits.
    const email = `ops.${randomBytes(3).toString('hex')}@example.id`;
    const nik = `360401${String(41 + Math.floor(Math.random() * 28)).padStart(2, '0')}0890${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const registered = await call(`mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { accessToken } }`, {
      input: { nik, name: 'Dewi Lestari', email, phone: '0812-3456-7890', password: 'rahasia-Sekali-123' },
    });
    expect(registered.errors).toBeUndefined();
    const wrong = await call(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { login: email, password: 'not-the-password-1' },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const login = await call<{ login: { accessToken: string } }>(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
      input: { login: email, password: 'rahasia-Sekali-123' },
    });
    expect(login.errors).toBeUndefined();
    const citizen = { authorization: `Bearer ${login.data!.login.accessToken}` };
    expect((await call<{ services: unknown[] }>(`{ services { id name } }`)).data!.services.length).toBeGreaterThan(0);
    const documents = await attachDocuments(platform.urls.gateway, login.data!.login.accessToken, [
      'KTP',
      'IJAZAH',
      { code: 'PAS_FOTO', image: true },
    ]);
    const submit = (key: string) =>
      call<{ submitApplication: { id: string } }>(
        `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }`,
        {
          input: { serviceId: 'disnakertrans-ak1', formData: JSON.stringify(FORM), documents, idempotencyKey: key },
        },
        citizen,
      );
    const first = await until(async () => {
      const r = await submit(`ops-${randomBytes(4).toString('hex')}`);
      return r.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : r;
    }, 'request knows the service');
    expect(first.errors).toBeUndefined();
    // The short burst: submissions at once.
    const burst = await Promise.all(Array.from({ length: BURST }, (_, i) => submit(`ops-burst-${i}-${randomBytes(3).toString('hex')}`)));
    expect(burst.filter((r) => r.errors)).toEqual([]);

    // Prometheus sees them, labelled by agency and service, and the consumers catch up.
    await until(
      async () =>
        (await value('sum(serang_applications_submitted_total{agency="disnakertrans",service="disnakertrans-ak1"})')) === BURST + 1
          ? true
          : undefined,
      'Prometheus scraped the submissions',
    );
    await until(
      async () => ((await value('max(serang_consumer_lag_events)')) === 0 && (await value('max(serang_relay_lag_events)')) === 0 ? true : undefined),
      'relay and consumers caught up',
    );
    // The backlog comes from request's read model (read at most every 5 s).
    await until(
      async () =>
        (await value('sum(max by (agency, service, sla) (serang_applications_open{agency="disnakertrans"}))')) === BURST + 1 ? true : undefined,
      'the backlog counts them',
    );
    await until(
      async () => ((await value('sum(serang_identity_logins_total{outcome="invalid_credentials"})')) === 1 ? true : undefined),
      'the failed sign-in is counted',
    );
    // Give rate() windows a few more scrapes, and the rules a few evaluations.
    await new Promise((r) => setTimeout(r, 5_000));

    const failures: string[] = [];
    // A scrape that missed its 1 s deadline on a busy machine leaves a process's series stale for
    // an instant: an empty answer is asked again for a few seconds before it counts as dead.
    const ask = async (what: string, expr: string) => {
      for (let attempt = 1; ; attempt++) {
        const r = await promQuery(expr);
        if (r.status !== 'success') return void failures.push(`${what}: error ${r.error}\n    ${expr}`);
        if (r.data.result.length > 0) return;
        if (attempt === 10) return void failures.push(`${what}: no series\n    ${expr}`);
        await new Promise((done) => setTimeout(done, 1000));
      }
    };
    const panels = panelQueries().filter((q) => !CLUSTER_METRIC.test(q.expr) && !HOOK_METRIC.test(q.expr));
    expect(panels.length).toBeGreaterThan(40);
    for (const q of panels) await ask(`${q.dashboard} / ${q.panel}`, q.expr);
    const alerts = alertRules(readFileSync(RULES_FILE, 'utf8'), parse);
    for (const a of alerts) for (const signal of alertSignals(a.expr)) await ask(`alert ${a.alert}`, signal);
    expect(failures).toEqual([]);

    // Every rule evaluates without error on the live series.
    const rules = (await (await fetch(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> };
    };
    const unhealthy = rules.data.groups.flatMap((g) => g.rules).filter((r) => r.health !== 'ok');
    expect(unhealthy).toEqual([]);
    // Nothing is on fire after a healthy journey.
    expect((await promQuery('ALERTS{alertstate="firing"}')).data.result.map((r) => r.metric.alertname)).toEqual([]);
  });

  it("publishes open data on the gateway's origin: monthly submissions per agency and service, CSV and JSON", async () => {
    const origin = platform.urls.gateway;
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const csv = await until(async () => {
      const res = await fetch(`${origin}/open-data/monthly-submissions.csv`);
      const text = await res.text();
      return res.status === 200 && text.includes(`${month},service,disnakertrans,disnakertrans-ak1,${BURST + 1}`) ? { res, text } : undefined;
    }, 'analytics counted the submissions');
    expect(csv.res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('month,level,agency_code,service_id,submitted');
    expect(lines).toContain(`${month},agency,disnakertrans,,${BURST + 1}`);
    const json = (await (await fetch(`${origin}/open-data/monthly-submissions.json`)).json()) as {
      fields: Array<{ name: string; description: string }>;
      suppressionThreshold: number;
      rows: unknown[];
    };
    expect(json.fields.map((f) => f.name)).toEqual(['month', 'level', 'agency_code', 'service_id', 'submitted']);
    expect(json.suppressionThreshold).toBe(5);
    expect(json.rows).toContainEqual({
      month,
      level: 'service',
      agency_code: 'disnakertrans',
      service_id: 'disnakertrans-ak1',
      submitted: BURST + 1,
    });
    // Only the published files: anything else there is the gateway's JSON 404, a write its 405.
    expect((await fetch(`${origin}/open-data/secrets.txt`)).status).toBe(404);
    expect((await fetch(`${origin}/open-data/monthly-submissions.csv`, { method: 'POST' })).status).toBe(405);
  });

  it('labels series with bounded values only: no person, application or document ids, no e-mail addresses', async () => {
    const labels = ((await (await fetch(`${prometheus.url}/api/v1/labels`)).json()) as { data: string[] }).data;
    const offending: string[] = [];
    for (const label of labels.filter((l) => l !== '__name__')) {
      const values = ((await (await fetch(`${prometheus.url}/api/v1/label/${label}/values`)).json()) as { data: string[] }).data;
      for (const v of values)
        if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(v) || /@/.test(v) || /^\d{16}$/.test(v))
          offending.push(`${label}=${v}`);
    }
    expect(offending).toEqual([]);
  });
});
