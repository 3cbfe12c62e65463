import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { createTestDatabase, testPort, type TestDatabase } from '@serang/testing';
import { Client } from 'pg';
import { describeSupervisionEvent, launchPlatform, SERVICE_NAMES, type ProcessName, type RunningPlatform, type SupervisionEvent } from '../src';

type Gql<T> = { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

/**
 * `npm start`'s supervision, on the real platform (five services and the gateway, one process
 * each): a killed service comes back by itself while the others keep serving, and a process
 * that keeps crashing makes the launcher give up and stop everything.
 */
describe('a supervised platform (launchPlatform with supervision, real processes)', () => {
  const basePort = testPort(4800);
  const ports = { gateway: basePort, ...Object.fromEntries(SERVICE_NAMES.map((n, i) => [n, basePort + 1 + i])) } as Record<ProcessName, number>;
  const policy = { initialDelayMs: 500, maxDelayMs: 5_000, maxCrashes: 3, windowMs: 120_000 };
  const events: SupervisionEvent[] = [];
  const logs: string[] = [];
  let gaveUp: (e: Extract<SupervisionEvent, { kind: 'gave-up' }>) => void;
  const gaveUpEvent = new Promise<Extract<SupervisionEvent, { kind: 'gave-up' }>>((r) => (gaveUp = r));
  let db: TestDatabase;
  let sql: Client;
  let platform: RunningPlatform;
  let citizenToken: string;
  let portHolder: Server | undefined;

  const call = async <T>(query: string, token?: string): Promise<Gql<T>> => {
    const res = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as Gql<T>;
  };
  const eventCounts = async () =>
    (
      await sql.query<{ category: string; n: number }>(
        `select category, count(*)::int as n from eventstore.events where category in ('agency', 'service', 'person') group by category order by category`,
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase('supervision');
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    platform = await launchPlatform({
      databaseUrl: db.url,
      ports,
      env: {
        LOG_LEVEL: 'info',
        VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
        PLATFORM_ADMIN_EMAIL: 'admin@supervision.test',
        PLATFORM_ADMIN_PASSWORD: 'Supervision-admin-2026',
        UPLOADS_DIR: `/tmp/serang-supervision-uploads-${randomBytes(3).toString('hex')}`,
      },
      onOutput: (name, line) => logs.push(`${name} ${line}`),
      supervise: policy,
      onSupervision: (e) => {
        events.push(e);
        logs.push(`[serang] ${describeSupervisionEvent(e, platform.supervision!)}`);
      },
      onGaveUp: (e) => gaveUp(e),
      stopGraceMs: 5_000,
    });
    const registered = await call<{ registerCitizen: { accessToken: string } }>(
      `mutation { registerCitizen(input: { nik: "3604014108900001", name: "Siti Aminah", email: "siti.${randomBytes(3).toString('hex')}@example.id", phone: "0812-3456-7890", password: "Warga-sandi-2026" }) { accessToken } }`,
    );
    citizenToken = registered.data!.registerCitizen.accessToken;
  });
  afterAll(async () => {
    await platform?.stop();
    portHolder?.close();
    await sql?.end();
    await db?.drop();
  });

  it('restarts killed services with backoff, logged, while the others keep serving with the same pids; a restart seeds nothing twice', async () => {
    // Catalogue seeds its agencies and services at start: the seed must be complete before counting.
    await until(async () => ((await call<{ services: unknown[] }>(`{ services { id } }`)).data?.services.length ?? 0) >= 7, 'catalogue seeded');
    const before = Object.fromEntries(['gateway', ...SERVICE_NAMES].map((n) => [n, platform.pidOf(n as ProcessName)]));
    const seeded = await eventCounts();
    expect(seeded.find((c) => c.category === 'agency')?.n).toBe(30);

    process.kill(before.request!, 'SIGKILL');
    process.kill(before.catalogue!, 'SIGKILL');

    // Queries that need request (myApplications) and catalogue (services) answer again by themselves.
    await until(
      async () => {
        const [mine, services] = await Promise.all([
          call<{ myApplications: unknown[] }>(`{ myApplications { id } }`, citizenToken),
          call<{ services: unknown[] }>(`{ services { id } }`),
        ]);
        return !mine.errors && Array.isArray(mine.data?.myApplications) && (services.data?.services.length ?? 0) >= 7;
      },
      'request and catalogue answer again',
      120_000,
    );
    await until(async () => events.filter((e) => e.kind === 'restarted').length === 2, 'both reported back');

    for (const name of ['request', 'catalogue'] as const) {
      expect(platform.pidOf(name)).not.toBe(before[name]);
      expect(events).toContainEqual({
        kind: 'crashed',
        name,
        pid: before[name],
        exit: { code: null, signal: 'SIGKILL' },
        crashesInWindow: 1,
        restartInMs: 500,
      });
      expect(events).toContainEqual(expect.objectContaining({ kind: 'restarted', name, pid: platform.pidOf(name) }));
      expect(logs).toContain(
        `[serang] ${name} (pid ${before[name]}) exited unexpectedly (signal SIGKILL); restarting it, next attempt in 0.5 s (crash 1; gives up at 3 within 120 s)`,
      );
    }
    for (const name of ['gateway', 'identity', 'notification', 'analytics'] as const) expect(platform.pidOf(name)).toBe(before[name]);

    // The restarted catalogue found its seed and appended nothing (streams are created with no_stream).
    expect(await eventCounts()).toEqual(seeded);
    expect(logs.filter((l) => l.startsWith('catalogue ') && l.includes('"catalogue already seeded"'))).toHaveLength(1);
  });

  it('gives up on a process that keeps crashing: stops everything and says why', async () => {
    const pids = platform.pids();
    const gatewayPid = platform.pidOf('gateway')!;
    // The gateway dies, and its port is taken before it comes back: every restart fails to listen.
    process.kill(gatewayPid, 'SIGKILL');
    await until(async () => gone(gatewayPid), 'the gateway is gone');
    portHolder = await holdPort(ports.gateway);

    const event = await gaveUpEvent;
    expect(event).toMatchObject({ kind: 'gave-up', name: 'gateway', crashesInWindow: 3, why: 'too-many-crashes' });
    expect(event.exit.code).not.toBe(0);
    expect(events.filter((e) => e.kind === 'crashed' && e.name === 'gateway').map((e) => (e as { restartInMs: number }).restartInMs)).toEqual([
      500, 1000,
    ]);
    expect(logs).toContain(
      `[serang] gateway (pid ${event.pid}) exited unexpectedly (exit code ${event.exit.code}), 3 times within 120 s; giving up and stopping the platform`,
    );
    // Everything stopped, the services that were fine included.
    for (const pid of pids) expect(gone(pid)).toBe(true);
    expect(platform.pids()).toEqual([]);
  });
});

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

function holdPort(port: number): Promise<Server> {
  return new Promise((resolveServer, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveServer(server));
  });
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
