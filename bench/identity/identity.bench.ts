/**
 * npm run bench:identity — logins per second through the gateway against the raw argon2id verify
 * rate of the same machine, measured in the same run (the login's floor: one verification at
 * OWASP parameters), both with 16 concurrent callers; then the median login time of known vs
 * unknown accounts, which must be the same (an unknown account still costs one verification).
 *
 * The platform runs on its own embedded PostgreSQL. "Rate limits lifted": the gateway trusts one
 * proxy hop and exempts the benchmark's addresses (RATE_LIMIT_EXEMPT), and each unknown-account
 * login names another account from another address, so identity's login throttle (which only
 * counts failures) never engages; successful logins never count.
 *
 * env: BENCH_RUNS (default 3), BENCH_SECONDS per measurement (default 6), BENCH_CLIENTS (16)
 */
import { randomBytes } from 'node:crypto';
import { argon2id, hash, verify } from 'argon2';
import { closedLoop, median, table } from '../lib/measure';
import { startBenchPlatform } from '../lib/platform';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const ACCOUNTS = 32;
const SAMPLES = 40;
/** The very parameters identity hashes with (services/identity/src/infra/password-hasher.ts). */
const OWASP = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const PASSWORD = 'Bench-password-2026';
const BASE_PORT = 4700;

async function main(): Promise<void> {
  // The benchmark's own addresses are exempt from the gateway's rate limits: it measures logins, not the limits.
  const bench = await startBenchPlatform('identity', 15438, BASE_PORT, { TRUST_PROXY_HOPS: '1', RATE_LIMIT_EXEMPT: '10.0.0.0/8' });
  const { platform } = bench;
  let address = 0;
  const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
  const login = async (loginName: string, password: string, url = platform.gatewayUrl): Promise<boolean> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
      body: JSON.stringify({
        query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        variables: { i: { login: loginName, password } },
      }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    if (body.errors?.[0]?.extensions?.code === 'TOO_MANY_REQUESTS') throw new Error('throttled: the benchmark would measure the lock, not the login');
    return !!body.data;
  };
  try {
    const emails: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const email = `bench.${i}.${randomBytes(3).toString('hex')}@example.id`;
      const nik = `3604011${String(1 + (i % 9))}0590${String(1000 + i).padStart(4, '0')}`;
      const res = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': nextAddress() },
        body: JSON.stringify({
          query: 'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { user { id } } }',
          variables: { i: { nik, name: `Warga Bench ${i}`, email, phone: '081234567890', password: PASSWORD } },
        }),
      });
      const body = (await res.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`registration failed: ${JSON.stringify(body.errors)}`);
      emails.push(email);
    }
    const stored = await hash(PASSWORD, OWASP);
    if (!(await login(emails[0], PASSWORD))) throw new Error('a known account does not sign in');

    const rounds: Array<{ raw: number; logins: number; direct: number }> = [];
    const identityUrl = `${platform.urls.identity}/graphql`;
    for (let r = 0; r < RUNS; r++) {
      const raw = await closedLoop(CLIENTS, SECONDS * 1000, async () => {
        await verify(stored, PASSWORD);
      });
      const logins = await closedLoop(CLIENTS, SECONDS * 1000, async (w, i) => {
        if (!(await login(emails[(w + i * CLIENTS) % ACCOUNTS], PASSWORD))) throw new Error('login failed');
      });
      // Diagnostic: the same logins straight to identity, to tell the gateway's share from identity's.
      const direct = await closedLoop(CLIENTS, SECONDS * 1000, async (w, i) => {
        if (!(await login(emails[(w + i * CLIENTS) % ACCOUNTS], PASSWORD, identityUrl))) throw new Error('login failed');
      });
      rounds.push({ raw: raw.perSecond, logins: logins.perSecond, direct: direct.perSecond });
      console.log(
        `round ${r + 1}: raw argon2id ${raw.perSecond.toFixed(1)}/s, logins through the gateway ${logins.perSecond.toFixed(1)}/s, straight to identity ${direct.perSecond.toFixed(1)}/s`,
      );
    }

    // Latency, one caller at a time, known and unknown interleaved.
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let t = process.hrtime.bigint();
      if (!(await login(emails[i % ACCOUNTS], PASSWORD))) throw new Error('login failed');
      known.push(Number(process.hrtime.bigint() - t) / 1e6);
      t = process.hrtime.bigint();
      if (await login(`nobody.${i}.${randomBytes(3).toString('hex')}@example.id`, PASSWORD)) throw new Error('an unknown account signed in');
      unknown.push(Number(process.hrtime.bigint() - t) / 1e6);
    }

    const rawMedian = median(rounds.map((r) => r.raw));
    const loginMedian = median(rounds.map((r) => r.logins));
    const knownMs = median(known);
    const unknownMs = median(unknown);
    console.log(
      `\nbench:identity — ${CLIENTS} concurrent callers, ${RUNS} runs × ${SECONDS} s, median; ${SAMPLES} sequential logins each for latency\n`,
    );
    console.log(
      table([
        { measure: 'raw argon2id verify (same parameters, this process)', value: `${rawMedian.toFixed(1)} /s` },
        {
          measure: 'login through the gateway (identity: throttle check, lookup, verify, session, ES256 token)',
          value: `${loginMedian.toFixed(1)} /s`,
        },
        { measure: 'ratio logins / raw verify (aim ≥ 0.8)', value: (loginMedian / rawMedian).toFixed(2) },
        { measure: 'diagnostic: logins straight to identity / raw verify', value: (median(rounds.map((r) => r.direct)) / rawMedian).toFixed(2) },
        { measure: 'median login, known account', value: `${knownMs.toFixed(1)} ms` },
        { measure: 'median login, unknown account', value: `${unknownMs.toFixed(1)} ms` },
        { measure: 'ratio unknown / known (aim ≈ 1: timing tells nothing)', value: (unknownMs / knownMs).toFixed(2) },
      ]),
    );
  } finally {
    await bench.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
