import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { launchPlatform, SERVICE_NAMES, type RunningPlatform } from '@serang/local-infra';
import { attachDocuments, createTestDatabase, testKafkaBrokers, type TestDatabase, testPort } from '@serang/testing';
import { compose, fetchSubgraphSdl, SUBGRAPHS } from '../src/compose-supergraph';
import { SUPERGRAPH_PATH } from '../src/gateway.server';

type GqlResult<T> = { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

const ADMIN = { email: 'admin@journey.test', password: 'Journey-admin-2026' };

/** The citizen's journey through the gateway, with SPEC.md's operation names, as a client makes it. */
function journey(mode: 'store' | 'kafka', basePort: number): void {
  let db: TestDatabase;
  let platform: RunningPlatform;
  let url: string;
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
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(`journey_${mode}`);
    const ports = { gateway: basePort, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, basePort + 1 + i])) };
    platform = await launchPlatform({
      databaseUrl: db.url,
      ports,
      env: {
        LOG_LEVEL: 'warn',
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        PLATFORM_ADMIN_EMAIL: ADMIN.email,
        PLATFORM_ADMIN_PASSWORD: ADMIN.password,
        // Its own topics and consumer groups: other test platforms share the broker.
        ...(mode === 'kafka'
          ? {
              EVENT_BUS: 'kafka',
              KAFKA_BROKERS: testKafkaBrokers().join(','),
              KAFKA_PARTITIONS: '3',
              KAFKA_NAMESPACE: `journey-${randomBytes(3).toString('hex')}`,
            }
          : {}),
      },
      onOutput: (name, line) => {
        if (/"level":(50|60)/.test(line) || !line.startsWith('{')) process.stderr.write(`[${mode}] ${name}: ${line}\n`);
      },
    });
    url = platform.gatewayUrl;
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('serves the committed supergraph, which is what the subgraphs compose to', async () => {
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(async (s) => ({ ...s, sdl: await fetchSubgraphSdl(`${platform.urls[s.name as keyof typeof platform.urls]}/graphql`) })),
    );
    expect(compose(subgraphs)).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  it('takes a citizen from registration to a tracked application, a notification and the agency dashboard', async () => {
    const nik = `360401${String(41 + Math.floor(Math.random() * 28)).padStart(2, '0')}0890${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const email = `siti.${randomBytes(3).toString('hex')}@example.id`;
    const registered = await call<{ registerCitizen: { accessToken: string; user: { id: string; roles: string[] } } }>(
      `mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { accessToken refreshToken user { id roles } } }`,
      { input: { nik, name: 'Siti Aminah', email, phone: '0812-3456-7890', password: 'rahasia-Sekali-123' } },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!.registerCitizen.user.roles).toEqual(['CITIZEN']);

    const login = await call<{ login: { accessToken: string; user: { id: string } } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken user { id } } }`,
      {
        input: { login: email.toUpperCase(), password: 'rahasia-Sekali-123' },
      },
    );
    expect(login.errors).toBeUndefined();
    const citizen = { authorization: `Bearer ${login.data!.login.accessToken}` };
    expect(login.data!.login.user.id).toBe(registered.data!.registerCitizen.user.id);

    const catalogue = await call<{ agencies: Array<{ id: string }>; services: Array<{ id: string; agency: { id: string } }> }>(
      `{ agencies { id name } services { id name agency { id } } }`,
    );
    expect(catalogue.data!.agencies).toHaveLength(30);
    const ak1 = catalogue.data!.services.find((s) => s.id === 'disnakertrans-ak1');
    expect(ak1?.agency.id).toBe('disnakertrans');

    // The AK/1 documents, uploaded through the gateway's POST /uploads as the citizen.
    const documents = await attachDocuments(platform.urls.gateway, login.data!.login.accessToken, [
      'KTP',
      'IJAZAH',
      { code: 'PAS_FOTO', image: true },
    ]);
    const submit = (key: string) =>
      call<{
        submitApplication: {
          id: string;
          trackingNumber: string;
          status: string;
          dueAt: string;
          service: { id: string; version: number; name: string };
        };
      }>(
        `mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id trackingNumber status dueAt service { id version name } } }`,
        {
          input: {
            serviceId: 'disnakertrans-ak1',
            formData: JSON.stringify({
              education: 'SMK',
              major: 'Teknik Pengelasan',
              graduationYear: 2023,
              skills: 'Pengelasan dan instalasi listrik',
              desiredPosition: 'Juru las',
              maritalStatus: 'BELUM_KAWIN',
              heightCm: 168,
              weightKg: 60,
              phone: '081234567890',
            }),
            documents,
            idempotencyKey: key,
          },
        },
        citizen,
      );
    // Request learns the published services from catalogue's events; until then it says NOT_FOUND.
    const key = `key-${randomBytes(4).toString('hex')}`;
    const first = await until(async () => {
      const r = await submit(key);
      return r.errors?.[0]?.extensions?.code === 'NOT_FOUND' ? undefined : r;
    }, 'request knows the service');
    expect(first.errors).toBeUndefined();
    // Two services' data in one answer: request's application, catalogue's service (federation).
    const app = first.data!.submitApplication;
    expect(app.trackingNumber).toMatch(/^SRG-\d{2}-[0-9A-Z]{6}-[0-9A-Z*~$=U]$/);
    expect(app.service).toMatchObject({ id: 'disnakertrans-ak1', version: 1, name: 'Kartu Tanda Pencari Kerja (AK/1)' });
    const again = await submit(key);
    expect(again.data!.submitApplication.id).toBe(app.id); // a resend never duplicates

    const mine = await until(async () => {
      const r = await call<{ myApplications: Array<{ id: string; status: string; timeline: Array<{ status: string }> }> }>(
        `{ myApplications { id trackingNumber status dueAt timeline { status at actorRole note } } }`,
        {},
        citizen,
      );
      return r.data?.myApplications.find((a) => a.id === app.id);
    }, 'myApplications shows the application');
    expect(mine.timeline.map((t) => t.status)).toEqual(['SUBMITTED']);
    expect(
      (await call<{ myApplications: unknown[] }>(`{ myApplications { id } }`, {}, citizen)).data!.myApplications.filter(
        (a) => (a as { id: string }).id === app.id,
      ),
    ).toHaveLength(1);

    const note = await until(async () => {
      const r = await call<{ myNotifications: { items: Array<{ message: string }> } }>(
        `{ myNotifications { unreadCount items { id kind title message createdAt } } }`,
        {},
        { ...citizen, 'accept-language': 'en' },
      );
      return r.data?.myNotifications.items.find((n) => n.message.includes(app.trackingNumber));
    }, 'the notification service consumed the event');
    expect(note.message).toContain(app.trackingNumber);

    const adminLogin = await call<{ login: { accessToken: string; user: { roles: string[] } } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken user { roles } } }`,
      {
        input: { login: ADMIN.email, password: ADMIN.password },
      },
    );
    expect(adminLogin.data!.login.user.roles).toContain('PLATFORM_ADMIN');
    const admin = { authorization: `Bearer ${adminLogin.data!.login.accessToken}` };
    const counted = await until(async () => {
      const r = await call<{ agencyPerformance: Array<{ agencyId: string; submitted: number }> }>(
        `{ agencyPerformance(agencyId: "disnakertrans") { agencyId submitted } }`,
        {},
        admin,
      );
      const row = r.data?.agencyPerformance.find((p) => p.agencyId === 'disnakertrans');
      return row && row.submitted >= 1 ? row : undefined;
    }, 'analytics consumed the event');
    expect(counted.submitted).toBe(1);
    // Every agency catalogue seeded is on the dashboard, the 29 nobody applied to with zeros (SPEC.md).
    const dashboard = await until(async () => {
      const r = await call<{ agencyPerformance: Array<{ agencyId: string; submitted: number; agency: { name: string } }> }>(
        `{ agencyPerformance { agencyId submitted agency { name } } }`,
        {},
        admin,
      );
      return r.data && r.data.agencyPerformance.length >= 30 ? r.data.agencyPerformance : undefined;
    }, 'analytics learned the agencies');
    expect(dashboard).toHaveLength(30);
    expect(dashboard.filter((p) => p.submitted === 0)).toHaveLength(29);
    expect(dashboard.find((p) => p.submitted > 0)).toMatchObject({
      agencyId: 'disnakertrans',
      submitted: 1,
      agency: { name: 'Dinas Tenaga Kerja dan Transmigrasi' },
    });

    const denied = await call(`{ agencyPerformance(agencyId: "disnakertrans") { agencyId submitted } }`, {}, citizen);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects forged tokens and abusive queries with clear errors in the caller language', async () => {
    const forged = await call(`{ me { id } }`, {}, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'accept-language': 'en' });
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: 'The access token is invalid or has expired.' });
    const tooDeep = await call(`query { agencies { id } ${Array.from({ length: 25 }, (_, i) => `a${i}: agencies { id }`).join(' ')} }`);
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'GATEWAY.TOO_MANY_ALIASES' });
    expect(tooDeep.errors?.[0]?.message).toMatch(/alias/);
  });

  it('refuses the access tokens of a signed-out session within seconds, for every subgraph, and only that session', async () => {
    const nik = `360401${String(41 + Math.floor(Math.random() * 28)).padStart(2, '0')}0790${String(Math.floor(Math.random() * 9000) + 1000)}`;
    const email = `rina.${randomBytes(3).toString('hex')}@example.id`;
    const password = 'rahasia-Sekali-789';
    const registered = await call(`mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { accessToken } }`, {
      input: { nik, name: 'Rina Wati', email, phone: '0812-3456-7001', password },
    });
    expect(registered.errors).toBeUndefined();
    const signIn = async () => {
      const r = await call<{ login: { accessToken: string } }>(`mutation($input: LoginInput!) { login(input: $input) { accessToken } }`, {
        input: { login: email, password },
      });
      expect(r.errors).toBeUndefined();
      return { authorization: `Bearer ${r.data!.login.accessToken}`, 'accept-language': 'en' };
    };
    const first = await signIn();
    const second = await signIn();
    // myApplications is request's: it trusts any verified token, so only the gateway can refuse it.
    const mine = (who: Record<string, string>) => call<{ myApplications: unknown[] }>(`{ myApplications { id } }`, {}, who);
    expect((await mine(first)).errors).toBeUndefined();

    const logout = await call<{ logout: boolean }>(`mutation { logout }`, {}, first);
    expect(logout.errors).toBeUndefined();
    const t0 = Date.now();
    const refused = await until(
      async () => {
        const r = await mine(first);
        return r.errors ? r : undefined;
      },
      'the gateway learns the revocation',
      10_000,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This session has ended; please sign in again.',
      extensions: { code: 'UNAUTHENTICATED', reason: 'AUTH.SESSION_REVOKED' },
    });
    const inIndonesian = await call(`{ myApplications { id } }`, {}, { authorization: first.authorization });
    expect(inIndonesian.errors?.[0]?.message).toBe('Sesi ini telah diakhiri; silakan masuk kembali.');

    const stillSignedIn = await mine(second);
    expect(stillSignedIn.errors).toBeUndefined();
    expect(stillSignedIn.data?.myApplications).toEqual([]);
  });

  it('stops every process cleanly and quickly', async () => {
    const pids = platform.pids();
    expect(pids).toHaveLength(6);
    const t0 = Date.now();
    await platform.stop();
    expect(Date.now() - t0).toBeLessThan(15_000);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
}

describe('journey, default mode (event store subscriptions)', () => journey('store', testPort(4600)));
describe('journey, Kafka mode (real broker)', () => journey('kafka', testPort(4620)));
