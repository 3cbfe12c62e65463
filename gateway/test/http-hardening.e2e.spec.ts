import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { SERVICE_NAMES } from '@serang/local-infra';
import { createTestDatabase, startServiceProcess, testPort, type RunningProcess, type TestDatabase } from '@serang/testing';
import { nik, PlatformWorld, type Person } from './fixtures/platform-world';

const REPO = resolve(__dirname, '../..');

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** One HTTP exchange, as a client makes it; the body must be JSON (the test fails here if it is not). */
async function exchange(url: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, headers: res.headers, text, body };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  exchange(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** What no answer may carry: a stack trace, a file of ours, a module path. */
function expectNothingInternal(text: string): void {
  expect({
    text,
    leaks: [/stacktrace/i, /node_modules/, /\.ts:\d+/, /\n\s+at /, /<html/i].filter((p) => p.test(text)).map(String),
    repo: text.includes(REPO),
  }).toEqual({ text, leaks: [], repo: false });
}

/**
 * Issue #10 at the gateway's HTTP layer, against the whole platform: every failure answers JSON
 * `{"errors":[…]}` in the caller's language with nothing internal, protocol errors are 4xx, sizes
 * are decided at the gateway, and rate limits hold per address, per account and per caller —
 * across replicas. Extra gateways in front of the same services carry their own settings.
 */
describe('the gateway’s HTTP layer: errors, sizes and rate limits (issue #10)', () => {
  const world = new PlatformWorld('store', testPort(4740));
  const extra: RunningProcess[] = [];
  let replicaDb: TestDatabase | undefined;

  /** Another gateway in front of the world's services. */
  const gatewayWith = async (port: number, env: Record<string, string>) => {
    const subgraphs = Object.fromEntries(SERVICE_NAMES.map((n) => [`SUBGRAPH_${n.toUpperCase()}_URL`, `${world.platform.urls[n]}/graphql`]));
    const gw = await startServiceProcess(
      'gateway/src/main.ts',
      { IDENTITY_JWKS_URL: `${world.platform.urls.identity}/.well-known/jwks.json`, LOG_LEVEL: 'warn', ...subgraphs, ...env },
      port,
    );
    extra.push(gw);
    return gw;
  };
  /** A subgraph that answers an HTML-ish 404 (identity has no such path), and one that is not there at all. */
  const brokenSubgraphs = () => ({
    SUBGRAPH_NOTIFICATION_URL: `${world.platform.urls.identity}/no-such-subgraph`,
    SUBGRAPH_ANALYTICS_URL: `http://127.0.0.1:${testPort(4759)}/graphql`,
  });

  beforeAll(async () => {
    await world.start();
  });
  afterAll(async () => {
    for (const gw of extra) await gw.stop();
    await replicaDb?.drop();
    await world.stop();
  });

  describe('failures before GraphQL', () => {
    it('answers malformed JSON, a wrong content type, a batch, a GET mutation, an unknown method, a cross-site GET and an unknown path as JSON errors in the caller’s language', async () => {
      const url = world.url;
      const base = url.replace(/\/graphql$/, '');
      const en = { 'accept-language': 'en' };
      const cases: Array<[string, Promise<Answer>, number, string, string, string, Record<string, string>?]> = [
        [
          'malformed JSON',
          post(url, '{"query": "{ agencies { id } }"'),
          400,
          'BAD_REQUEST',
          'GATEWAY.MALFORMED_JSON',
          'Isi permintaan bukan JSON yang sah.',
        ],
        [
          'text/plain',
          exchange(url, { method: 'POST', headers: { 'content-type': 'text/plain', ...en }, body: '{"query":"{ agencies { id } }"}' }),
          415,
          'BAD_REQUEST',
          'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
          'Send GraphQL requests as application/json.',
        ],
        [
          'a form',
          exchange(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' }),
          415,
          'BAD_REQUEST',
          'GATEWAY.UNSUPPORTED_MEDIA_TYPE',
          'Kirim permintaan GraphQL sebagai application/json.',
        ],
        [
          'a batch',
          post(url, [{ query: '{ agencies { id } }' }, { query: '{ agencies { id } }' }], en),
          400,
          'BAD_REQUEST',
          'GATEWAY.BATCH_NOT_SUPPORTED',
          'Send one GraphQL operation per request; batches are not supported.',
        ],
        ['no operation', post(url, {}), 400, 'BAD_REQUEST', 'GATEWAY.BODY_MISSING', 'Permintaan tidak berisi operasi GraphQL.'],
        [
          'a GET mutation',
          exchange(`${url}?query=${encodeURIComponent('mutation { logout }')}`, { headers: { 'apollo-require-preflight': 'true', ...en } }),
          405,
          'BAD_REQUEST',
          'GATEWAY.MUTATION_NEEDS_POST',
          'Mutations can only be sent with POST.',
          { allow: 'POST' },
        ],
        [
          'a cross-site GET',
          exchange(`${url}?query=${encodeURIComponent('{ agencies { id } }')}`),
          400,
          'BAD_REQUEST',
          'GATEWAY.CSRF_REFUSED',
          'Permintaan ditolak sebagai kemungkinan CSRF: kirim header Content-Type: application/json atau Apollo-Require-Preflight.',
        ],
        [
          'PUT',
          exchange(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...en }, body: '{}' }),
          405,
          'BAD_REQUEST',
          'GATEWAY.METHOD_NOT_ALLOWED',
          'HTTP method PUT is not supported here; use GET, POST.',
          { allow: 'GET, POST' },
        ],
        [
          'DELETE /uploads',
          exchange(`${base}/uploads`, { method: 'DELETE' }),
          405,
          'BAD_REQUEST',
          'GATEWAY.METHOD_NOT_ALLOWED',
          'Metode HTTP DELETE tidak didukung di sini; gunakan POST.',
          { allow: 'POST' },
        ],
        ['an unknown path', exchange(`${base}/.env`, { headers: en }), 404, 'NOT_FOUND', 'GATEWAY.NOT_FOUND', 'There is nothing at /.env.'],
        [
          'a malformed path',
          exchange(`${base}/uploads/%E0%A4%A`, { headers: en }),
          400,
          'BAD_REQUEST',
          'GATEWAY.BAD_REQUEST',
          'The request is not valid: malformed request',
        ],
      ];
      for (const [what, answer, status, code, reason, message, headers] of cases) {
        const a = await answer;
        expect({ what, status: a.status, type: a.headers.get('content-type'), body: a.body }).toEqual({
          what,
          status,
          type: 'application/json; charset=utf-8',
          body: { errors: [{ message, extensions: { code, reason } }] },
        });
        for (const [h, v] of Object.entries(headers ?? {})) expect({ what, [h]: a.headers.get(h) }).toEqual({ what, [h]: v });
        expectNothingInternal(a.text);
      }
      // The same GET with a header a page on another origin cannot send without asking: served.
      const allowed = await exchange(`${url}?query=${encodeURIComponent('{ agencies { id } }')}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(allowed.status).toBe(200);
      expect((allowed.body.data?.agencies as unknown[]).length).toBe(30);
    });

    it('decides sizes at the gateway: a 900 KB variable reaches the service and gets its own answer; a body over MAX_REQUEST_BYTES is a 413 naming the limit', async () => {
      const track = 'query($t: String!) { trackApplication(trackingNumber: $t) { status } }';
      // Subgraphs took 100 KB: this used to be INTERNAL_SERVER_ERROR "413: Payload Too Large".
      const passes = await post(world.url, { query: track, variables: { t: 'X'.repeat(900 * 1024) } }, { 'accept-language': 'en' });
      expect(passes.status).toBe(200);
      expect(passes.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'BAD_USER_INPUT', reason: 'APPLICATION.TRACKING_NUMBER_INVALID' }]);

      const tooLarge = await post(world.url, { query: track, variables: { t: 'X'.repeat(1100 * 1024) } }, { 'accept-language': 'en' });
      expect({ status: tooLarge.status, body: tooLarge.body }).toEqual({
        status: 413,
        body: {
          errors: [
            {
              message: 'The request is too large; the maximum size is 1 MB.',
              extensions: { code: 'BAD_USER_INPUT', reason: 'GATEWAY.REQUEST_TOO_LARGE', params: { maxBytes: 1024 * 1024 } },
            },
          ],
        },
      });
      expectNothingInternal(tooLarge.text);

      // Declared too large, and the client waits for "100 Continue": refused without being asked for the body.
      const refused = await new Promise<{ status: number; continued: boolean }>((done, fail) => {
        let continued = false;
        const req = httpRequest(world.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024), expect: '100-continue' },
        });
        req.on('continue', () => (continued = true));
        req.on('response', (res) => {
          res.resume();
          req.destroy();
          done({ status: res.statusCode ?? 0, continued });
        });
        req.on('error', fail);
        req.flushHeaders();
      });
      expect(refused).toEqual({ status: 413, continued: false });
    });
  });

  describe('GraphQL errors', () => {
    it('carries no stack trace, file path or internal message in any error, from the gateway or straight from a subgraph', async () => {
      const citizen = await world.citizen('Dewi Lestari');
      const answers = [
        await post(world.url, { query: '{ myApplications { id } }' }),
        await post(world.url, { query: '{ nope }' }),
        await post(world.url, { query: '{ agencies { id ' }),
        await post(world.url, { query: 'query($x: ID!) { agency(id: $x) { id } }', variables: { x: { not: 'an id' } } }),
        await post(world.url, {
          query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
          variables: { i: { login: citizen.email, password: 'not-the-password' } },
        }),
        await post(world.url, { query: `{ application(id: "${randomUUID()}") { id } }` }, { authorization: `Bearer ${citizen.token}` }),
        await post(`${world.platform.urls.request}/graphql`, { query: '{ myApplications { id } }' }),
        await post(`${world.platform.urls.identity}/graphql`, { query: '{ me { id } }' }),
        await post(`${world.platform.urls.catalogue}/graphql`, { query: '{ nope }' }),
      ];
      for (const a of answers) {
        expect(a.body.errors?.length).toBeGreaterThan(0);
        expectNothingInternal(a.text);
      }
      // Protocol errors keep GraphQL's codes, gain a stable reason, and speak the caller's language.
      expect(answers[1].body.errors?.[0]).toEqual({
        message: 'Kueri GraphQL tidak sah: Cannot query field "nope" on type "Query".',
        locations: [{ line: 1, column: 3 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: 'GRAPHQL.VALIDATION_FAILED' },
      });
      expect(answers[2].body.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED', reason: 'GRAPHQL.PARSE_FAILED' });
      expect(answers[3].body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL.VARIABLES_INVALID' });
      expect(answers[0].body.errors?.[0]).toEqual({
        message: 'Silakan masuk terlebih dahulu.',
        path: ['myApplications'],
        extensions: { code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED' },
      });
    });

    it('answers an operationName not in the document, several operations without one, and a subscription with 400 and GraphQL’s codes, never a 500', async () => {
      const cases: Array<[unknown, string, string, string]> = [
        [
          { query: 'query A { agencies { id } }', operationName: 'B' },
          'OPERATION_RESOLUTION_FAILURE',
          'GATEWAY.OPERATION_NOT_FOUND',
          'The document holds no operation named B.',
        ],
        [
          { query: 'query A { agencies { id } } query B { services { id } }' },
          'OPERATION_RESOLUTION_FAILURE',
          'GATEWAY.OPERATION_NAME_REQUIRED',
          'The document holds several operations: say which to run with operationName.',
        ],
        [
          { query: 'subscription { agencies { id } }' },
          'GRAPHQL_VALIDATION_FAILED',
          'GRAPHQL.VALIDATION_FAILED',
          'The GraphQL query is not valid: The subscription operation is not supported by the schema.',
        ],
        [
          { query: 'subscription S { statusChanged }' },
          'GRAPHQL_VALIDATION_FAILED',
          'GRAPHQL.VALIDATION_FAILED',
          'The GraphQL query is not valid: The subscription operation is not supported by the schema.',
        ],
        [
          { query: '{ agencies { id } } { services { id } }' },
          'GRAPHQL_VALIDATION_FAILED',
          'GRAPHQL.VALIDATION_FAILED',
          'The GraphQL query is not valid: This anonymous operation must be the only defined operation.',
        ],
      ];
      for (const [body, code, reason, message] of cases) {
        const a = await post(world.url, body, { 'accept-language': 'en' });
        expect({ body, status: a.status, first: a.body.errors?.[0].extensions, message: a.body.errors?.[0].message }).toEqual({
          body,
          status: 400,
          first: { code, reason },
          message,
        });
      }
    });

    it('answers what a failing subgraph carries — its URL, its body, its name, a stack — as a generic INTERNAL_SERVER_ERROR, unless DEBUG_ERRORS=true', async () => {
      const edge = await gatewayWith(testPort(4746), brokenSubgraphs());
      const debug = await gatewayWith(testPort(4747), { ...brokenSubgraphs(), DEBUG_ERRORS: 'true' });
      const citizen = await world.citizen('Rina Marlina');
      const as = { authorization: `Bearer ${citizen.token}` };
      // A failed fetch belongs to no field: the error has no path.
      const generic = (message: string) => ({ message, extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL_SERVER_ERROR' } });

      const notJson = await post(`${edge.url}/graphql`, { query: '{ myNotifications { unreadCount } }' }, as);
      expect(notJson.body.errors).toEqual([generic('Terjadi kesalahan pada server.')]);
      const unreachable = await post(`${edge.url}/graphql`, { query: '{ agencyPerformance { agencyId } }' }, { ...as, 'accept-language': 'en' });
      expect(unreachable.body.errors).toEqual([generic('Something went wrong on the server.')]);
      for (const a of [notJson, unreachable]) {
        expectNothingInternal(a.text);
        expect({
          text: a.text,
          internal: ['no-such-subgraph', '127.0.0.1', 'ECONNREFUSED', 'serviceName', '404'].filter((w) => a.text.includes(w)),
        }).toEqual({ text: a.text, internal: [] });
      }

      const shown = await post(`${debug.url}/graphql`, { query: '{ myNotifications { unreadCount } }' }, as);
      expect(shown.body.errors?.[0].extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        originalMessage: '404: Not Found',
        stacktrace: expect.any(Array),
      });
    });
  });

  describe('rate limits (an edge gateway trusting one proxy hop, limits lowered for the test)', () => {
    let edge: RunningProcess;
    const as = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...extra });
    const login = (address: string, loginName: string, password: string, lang?: string) =>
      post(
        `${edge.url}/graphql`,
        { query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', variables: { i: { login: loginName, password } } },
        as(address, lang ? { 'accept-language': lang } : {}),
      );
    const register = (address: string, person: { nik: string; email: string }) =>
      post(
        `${edge.url}/graphql`,
        {
          query: 'mutation($i: RegisterCitizenInput!) { registerCitizen(input: $i) { user { id } } }',
          variables: { i: { ...person, name: 'Warga Uji', phone: '081234567890', password: 'Warga-sandi-2026' } },
        },
        as(address),
      );
    const outcome = (a: Answer) => (a.body.errors ? String(a.body.errors[0].extensions?.reason) : 'OK');
    const citizens: Array<Person & { email: string }> = [];

    beforeAll(async () => {
      edge = await gatewayWith(testPort(4748), {
        TRUST_PROXY_HOPS: '1',
        RATE_LIMIT_SIGNIN_PER_ACCOUNT: '3',
        RATE_LIMIT_SIGNIN_PER_ADDRESS: '6',
        RATE_LIMIT_REGISTER_PER_ADDRESS: '2',
        RATE_LIMIT_REGISTER_PER_ACCOUNT: '2',
        RATE_LIMIT_MUTATIONS_PER_CALLER: '8',
        RATE_LIMIT_EXEMPT: '10.99.0.0/16',
      });
      // Registered through the world's own gateway (default limits), from its one address.
      for (let i = 0; i < 9; i++) citizens.push(await world.citizen(`Warga Batas ${i}`));
    });

    it('limits sign-ins per account however the login is typed: 429, Retry-After and TOO_MANY_REQUESTS in the caller’s language', async () => {
      const [ani, other] = citizens;
      const attempts = [
        await login('10.1.0.1', ani.email, ani.password),
        await login('10.1.0.2', ani.email.toUpperCase(), ani.password),
        await login('10.1.0.3', ani.email, ani.password),
      ];
      expect(attempts.map(outcome)).toEqual(['OK', 'OK', 'OK']);
      // A fourth, from yet another address: the account has had its three a minute.
      const fourth = await login('10.1.0.4', ani.email.toUpperCase(), ani.password, 'en');
      const wait = Number(fourth.headers.get('retry-after'));
      expect({ status: fourth.status, body: fourth.body }).toEqual({
        status: 429,
        body: {
          errors: [
            {
              message: `Too many requests; try again in ${wait} seconds.`,
              extensions: { code: 'TOO_MANY_REQUESTS', reason: 'GATEWAY.RATE_LIMITED', retryAfter: wait },
            },
          ],
        },
      });
      // Three a minute: one more every 20 s at most.
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(20);
      expect(outcome(await login('10.1.0.4', other.email, other.password))).toBe('OK');
    });

    it('limits sign-ins per address; other addresses are not held up', async () => {
      const six = citizens.slice(1, 7);
      const attempts = [];
      for (const c of six) attempts.push(outcome(await login('10.2.0.1', c.email, c.password)));
      expect(attempts).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
      const seventh = citizens[7];
      const refused = await login('10.2.0.1', seventh.email, seventh.password);
      expect({ status: refused.status, reason: outcome(refused) }).toEqual({ status: 429, reason: 'GATEWAY.RATE_LIMITED' });
      expect(outcome(await login('10.2.0.2', seventh.email, seventh.password))).toBe('OK');
    });

    it('limits registrations per address and per NIK; a refused registration claims nothing', async () => {
      const person = () => ({ nik: nik(), email: `warga.${randomBytes(4).toString('hex')}@example.id` });
      const third = person();
      const fromOne = [
        outcome(await register('10.3.0.1', person())),
        outcome(await register('10.3.0.1', person())),
        outcome(await register('10.3.0.1', third)),
      ];
      expect(fromOne).toEqual(['OK', 'OK', 'GATEWAY.RATE_LIMITED']);
      // Refused before identity saw it: the NIK and e-mail are still free.
      expect(outcome(await register('10.3.0.2', third))).toBe('OK');

      const contested = nik();
      const tries = [];
      for (const address of ['10.3.0.3', '10.3.0.4', '10.3.0.5'])
        tries.push(outcome(await register(address, { nik: contested, email: `warga.${randomBytes(4).toString('hex')}@example.id` })));
      expect(tries).toEqual(['OK', 'IDENTITY.ALREADY_REGISTERED', 'GATEWAY.RATE_LIMITED']);
    });

    it('limits every mutation per signed-in caller, whatever the address; another caller is not held up', async () => {
      const [, , , , , , , , caller] = citizens;
      const cancel = (who: Person, address: string) =>
        post(
          `${edge.url}/graphql`,
          { query: `mutation { cancelApplication(id: "${randomUUID()}") { id } }` },
          as(address, { authorization: `Bearer ${who.token}` }),
        );
      const outcomes = [];
      for (let i = 0; i < 8; i++) outcomes.push(outcome(await cancel(caller, `10.4.0.${i + 1}`)));
      expect(outcomes).toEqual(Array(8).fill('APPLICATION.NOT_FOUND'));
      const ninth = await cancel(caller, '10.4.0.9');
      expect({ status: ninth.status, reason: outcome(ninth), retryAfter: Number(ninth.headers.get('retry-after')) > 0 }).toEqual({
        status: 429,
        reason: 'GATEWAY.RATE_LIMITED',
        retryAfter: true,
      });
      expect(outcome(await cancel(citizens[1], '10.4.0.9'))).toBe('APPLICATION.NOT_FOUND');
    });

    it('exempts listed addresses (RATE_LIMIT_EXEMPT), even for an account that has had its share', async () => {
      const [ani] = citizens;
      const outcomes = [];
      for (let i = 0; i < 10; i++) outcomes.push(outcome(await login('10.99.0.1', ani.email, ani.password)));
      expect(outcomes).toEqual(Array(10).fill('OK'));
    });

    it('passes a subgraph’s wait on as Retry-After: identity’s lock after five failed logins', async () => {
      const target = citizens[8];
      const failures = [];
      // From an exempt address: only identity's own throttle speaks.
      for (let i = 0; i < 5; i++) failures.push(outcome(await login('10.99.0.2', target.email, 'not-the-password')));
      expect(failures).toEqual(Array(5).fill('IDENTITY.INVALID_CREDENTIALS'));
      const locked = await login('10.99.0.2', target.email, 'not-the-password');
      const seconds = locked.body.errors?.[0].extensions?.retryAfterSeconds;
      expect({ status: locked.status, reason: outcome(locked), retryAfter: locked.headers.get('retry-after') }).toEqual({
        status: 429,
        reason: 'IDENTITY.LOGIN_THROTTLED',
        retryAfter: String(seconds),
      });
      expect(seconds).toEqual(expect.any(Number));
    });
  });

  it('shares a limit among the live replicas: two gateways on one database let the limit through together, not twice', async () => {
    replicaDb = await createTestDatabase('gateway_replicas');
    const env = { DATABASE_URL: replicaDb.url, TRUST_PROXY_HOPS: '1', RATE_LIMIT_SIGNIN_PER_ACCOUNT: '4' };
    const one = await gatewayWith(testPort(4749), env);
    const two = await gatewayWith(testPort(4750), env);
    const replicasSeenBy = async (gw: RunningProcess) =>
      Number(/^serang_gateway_replicas (\d+)$/m.exec(await (await fetch(`${gw.url}/metrics`)).text())?.[1]);
    // Each learns of the other from its heartbeat within a few seconds.
    await world.until(async () => (await replicasSeenBy(one)) === 2 && (await replicasSeenBy(two)) === 2, 'both replicas see each other', 30_000);

    const person = await world.citizen('Warga Dua Replika');
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      const gw = i % 2 === 0 ? one : two;
      const a = await post(
        `${gw.url}/graphql`,
        {
          query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
          variables: { i: { login: person.email, password: person.password } },
        },
        { 'x-forwarded-for': `10.5.0.${i + 1}` },
      );
      outcomes.push(a.body.errors ? String(a.body.errors[0].extensions?.reason) : 'OK');
    }
    // Four a minute for the platform: two for each replica.
    expect(outcomes).toEqual(['OK', 'OK', 'OK', 'OK', 'GATEWAY.RATE_LIMITED', 'GATEWAY.RATE_LIMITED']);

    // A replica that stops is no longer counted: the other takes the whole limit again.
    await two.stop();
    extra.splice(extra.indexOf(two), 1);
    await world.until(async () => (await replicasSeenBy(one)) === 1, 'the remaining replica counts itself alone', 30_000);
  });
});
