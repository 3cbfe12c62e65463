import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchPlatform, SERVICE_NAMES, type RunningPlatform } from '@serang/local-infra';
import { attachDocuments, createTestDatabase, type TestDatabase, testPort } from '@serang/testing';

interface RecordedSpan {
  service: string;
  name: string;
  traceId: string;
}

/** A stand-in OpenTelemetry collector: records what OTLP/HTTP (JSON) exporters send it. */
async function startCollector(): Promise<{ url: string; spans: RecordedSpan[]; close(): Promise<void> }> {
  const spans: RecordedSpan[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      try {
        const payload = JSON.parse(body) as {
          resourceSpans?: Array<{
            resource?: { attributes?: Array<{ key: string; value: { stringValue?: string } }> };
            scopeSpans?: Array<{ spans?: Array<{ name: string; traceId: string }> }>;
          }>;
        };
        for (const rs of payload.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const ss of rs.scopeSpans ?? []) for (const s of ss.spans ?? []) spans.push({ service, name: s.name, traceId: s.traceId });
        }
      } catch {
        // not JSON: ignored (the test asserts on what it understood)
      }
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => new Promise((r) => server.close(() => r())) };
}

describe('observability: one trace follows a submission from the gateway to the notification it causes', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    collector = await startCollector();
    db = await createTestDatabase('tracing');
    const base = testPort(4640);
    platform = await launchPlatform({
      databaseUrl: db.url,
      ports: { gateway: base, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, base + 1 + i])) },
      env: {
        LOG_LEVEL: 'warn',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_BSP_SCHEDULE_DELAY: '200',
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      },
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
    await collector?.close();
  });

  it('exports spans of the gateway, request and notification under one trace id', async () => {
    const call = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
      (await (
        await fetch(platform.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as {
        data?: Record<string, { accessToken?: string; id?: string }>;
        errors?: unknown[];
      };
    const reg = await call(`mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { accessToken } }`, {
      i: {
        nik: '3604015508900002',
        name: 'Dewi Lestari',
        email: `dewi.${randomBytes(3).toString('hex')}@example.id`,
        phone: '081234567891',
        password: 'rahasia-Sekali-456',
      },
    });
    const auth = { authorization: `Bearer ${reg.data!.registerCitizen.accessToken}` };
    const documents = await attachDocuments(platform.urls.gateway, reg.data!.registerCitizen.accessToken!, ['KTP', 'CV']);
    let submitted: { id?: string } | undefined;
    for (let i = 0; i < 150 && !submitted; i++) {
      const r = await call(
        `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`,
        {
          i: {
            serviceId: 'disnakertrans-job-fair',
            formData: '{"education":"SMK","preferredSectors":["MANUFAKTUR"],"session":"PAGI","phone":"081234567890"}',
            documents,
            idempotencyKey: 'trace-1',
          },
        },
        auth,
      );
      if (r.data) submitted = r.data.submitApplication;
      else await new Promise((res) => setTimeout(res, 200));
    }
    expect(submitted?.id).toBeDefined();
    const deadline = Date.now() + 30_000;
    let trace: RecordedSpan[] = [];
    while (Date.now() < deadline) {
      const consumed = collector.spans.find((s) => s.service === 'notification' && s.name === 'consume ApplicationSubmitted');
      if (consumed) {
        trace = collector.spans.filter((s) => s.traceId === consumed.traceId);
        if (['gateway', 'request', 'notification'].every((svc) => trace.some((s) => s.service === svc))) break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const services = new Set(trace.map((s) => s.service));
    expect([...services].sort()).toEqual(expect.arrayContaining(['gateway', 'notification', 'request']));
  });
});
