import { createPool, type GuardedPool } from '@serang/db';
import { testPort } from '@serang/testing';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { PlatformWorld, type Person } from './fixtures/platform-world';

const AK1_FORM = { education: 'SMK', major: 'Teknik Pengelasan', graduationYear: 2023, skills: 'Pengelasan SMAW', desiredPosition: 'Juru las', maritalStatus: 'BELUM_KAWIN', heightCm: 168, weightKg: 60, phone: '081234567890' };
const CONTACT_API_TOKEN = 'e2e-contact-secret-0123456789abcdef';
const LINKS = 'https://layanan.serangkab.go.id';

interface Received {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
}

/**
 * The regency's mail relay as a real SMTP server (smtp-server) that keeps what it accepts, and
 * refuses on cue: a temporary 451 for the first `tempFails` mails to an address, a permanent 550
 * for another. Refused mails are counted too, by their Message-ID.
 */
async function startRelay(rules: { tempFails: Map<string, number>; refuse: Set<string> }) {
  const accepted: Received[] = [];
  const attempts: Array<{ to: string; messageId: string; answer: number }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void simpleParser(Buffer.concat(chunks)).then((m) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const messageId = m.messageId ?? '';
          const left = rules.tempFails.get(to[0]) ?? 0;
          const fail = (code: number, text: string) => {
            attempts.push({ to: to[0], messageId, answer: code });
            callback(Object.assign(new Error(text), { responseCode: code }));
          };
          if (rules.refuse.has(to[0])) return fail(550, 'mailbox unavailable');
          if (left > 0) {
            rules.tempFails.set(to[0], left - 1);
            return fail(451, 'try again later');
          }
          attempts.push({ to: to[0], messageId, answer: 250 });
          accepted.push({ to, messageId, subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        });
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, accepted, attempts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('notifications by e-mail (gateway, five services, a real SMTP relay)', () => {
  const world = new PlatformWorld('store', testPort(4840));
  const rules = { tempFails: new Map<string, number>(), refuse: new Set<string>() };
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let pg: GuardedPool;

  beforeAll(async () => {
    relay = await startRelay(rules);
    await world.start({ NOTIFICATION_SMTP_URL: relay.url, CONTACT_API_TOKEN, NOTIFICATION_LINK_BASE: LINKS, NOTIFICATION_RETRY_BASE_SECONDS: '0.5', NOTIFICATION_MAX_ATTEMPTS: '3' });
    pg = createPool({ connectionString: world.db.url, max: 2, name: 'test' });
  }, 180_000);
  afterAll(async () => {
    await pg?.end();
    await world.stop();
    await relay?.close();
  });

  const mailsTo = (address: string) => relay.accepted.filter((m) => m.to.includes(address));
  const submit = async (who: Person) => {
    const r = await world.submit(who, 'disnakertrans-ak1', AK1_FORM);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.submitApplication;
  };
  const deliveriesTo = async (personId: string) =>
    (await pg.query<{ id: string; kind: string; status: string; attempts: number }>(`select id, kind, status, attempts from notification.deliveries where recipient_id = $1 order by created_at`, [personId])).rows;
  /** Every event so far has been through notification's consumer. */
  const notificationCaughtUp = () =>
    world.until(async () => {
      const { rows } = await pg.query<{ behind: boolean }>(
        `select coalesce((select max(position) from eventstore.events), 0) > coalesce((select max(position) from notification.consumer_checkpoints where consumer_id = 'notification.inbound'), 0) as behind`,
      );
      return !rows[0].behind;
    }, 'notification consumed every event');

  let officer: Person;
  it("mails the applicant at the address identity holds, in Indonesian and English, keyed by the message's idempotency key", async () => {
    officer = await world.staff(['OFFICER'], 'disnakertrans', 'Petugas Surel');
    const ani = await world.citizen('Ani Surel');
    const app = await submit(ani);
    const mail = await world.until(async () => mailsTo(ani.email)[0], 'the submission mail');
    expect(mail.subject).toBe(`Permohonan diterima — ${app.trackingNumber} / Application received`);
    expect(mail.text).toContain(`Permohonan ${app.trackingNumber} telah diterima. Target selesai:`);
    expect(mail.text).toContain(`Application ${app.trackingNumber} has been received.`);
    expect(mail.text).toContain(`${LINKS}/applications/${app.id}`);
    const [delivery] = await world.until(async () => ((await deliveriesTo(ani.id))[0]?.status === 'delivered' ? deliveriesTo(ani.id) : undefined), 'delivered');
    expect(delivery).toMatchObject({ kind: 'APPLICATION_SUBMITTED', status: 'delivered', attempts: 1 });
    expect(mail.messageId).toBe(`<${delivery.id}@serang-tatu>`);

    // The address is read from identity at send time, audited there, and kept nowhere in notification.
    const { rows } = await pg.query<{ t: string }>(`select string_agg(t::text, ' ') as t from (select row_to_json(x) as t from notification.deliveries x union all select row_to_json(i) from notification.inbox i) all_rows`);
    expect(rows[0].t).not.toContain(ani.email);
    const log = await world.until(async () => {
      const r = await world.call<{ personalDataAccessLog: Array<{ actorId: string; purpose: string; fields: string[] }> }>(`{ personalDataAccessLog { actorId purpose fields } }`, {}, ani.token);
      return r.data?.personalDataAccessLog.find((e) => e.purpose === 'NOTIFY');
    }, 'the contact read in the audit trail');
    expect(log).toMatchObject({ actorId: 'service:notification', fields: expect.arrayContaining(['email']) });
    // Identity hands contact data to notification's secret only; the gateway has no route to it.
    for (const authorization of [undefined, 'Bearer wrong-secret-0123456789abcdefgh']) {
      const res = await fetch(`${world.platform.urls.identity}/internal/contacts/${ani.id}`, { method: 'POST', headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(ani.email);
    }
    expect((await fetch(`${world.platform.urls.gateway}/internal/contacts/${ani.id}`, { method: 'POST', headers: { authorization: `Bearer ${CONTACT_API_TOKEN}` } })).status).toBe(404);

    // A changed address is used from the next message on.
    const changed = `ani.baru.${Date.now()}@example.id`;
    expect((await world.call(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`, { i: { email: changed } }, ani.token)).errors).toBeUndefined();
    expect((await world.act(officer, app.id, 'CLAIM', app.version)).errors).toBeUndefined();
    const claimed = await world.until(async () => mailsTo(changed)[0], 'the claim mail at the new address');
    expect(claimed.subject).toBe(`Permohonan sedang ditangani — ${app.trackingNumber} / Application in progress`);
    expect(mailsTo(ani.email)).toHaveLength(1);
  }, 180_000);

  it('retries a temporary refusal with backoff under the same key, gives up on a permanent one, and sends one message per event and person', async () => {
    const budi = await world.citizen('Budi Surel');
    const citra = await world.citizen('Citra Surel');
    rules.tempFails.set(budi.email, 2);
    rules.refuse.add(citra.email);
    await submit(budi);
    await submit(citra);
    const mail = await world.until(async () => mailsTo(budi.email)[0], 'the mail after two refusals', 60_000);
    const tries = relay.attempts.filter((a) => a.to === budi.email);
    expect(tries.map((a) => a.answer)).toEqual([451, 451, 250]);
    expect(new Set(tries.map((a) => a.messageId))).toEqual(new Set([mail.messageId]));
    expect(await deliveriesTo(budi.id)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);

    const refused = await world.until(async () => ((await deliveriesTo(citra.id))[0]?.status === 'permanent-failure' ? deliveriesTo(citra.id) : undefined), 'permanent failure');
    expect(refused).toEqual([expect.objectContaining({ status: 'permanent-failure', attempts: 1 })]);
    expect(mailsTo(citra.email)).toEqual([]);
  }, 120_000);

  it('never mails an erased person: what was waiting is dropped, and later steps send nothing', async () => {
    const dedi = await world.citizen('Dedi Surel');
    const app = await submit(dedi);
    await world.until(async () => mailsTo(dedi.email)[0], 'the submission mail');
    expect((await world.call(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: dedi.id }, world.admin.token)).errors).toBeUndefined();
    await world.until(async () => (await pg.query(`select 1 from notification.erased_recipients where person_id = $1`, [dedi.id])).rowCount === 1, 'notification saw the erasure');
    expect((await world.act(officer, app.id, 'CLAIM', app.version)).errors).toBeUndefined();
    await notificationCaughtUp();
    await new Promise((r) => setTimeout(r, 1500)); // a dispatcher round or two
    expect(mailsTo(dedi.email)).toHaveLength(1);
    expect((await deliveriesTo(dedi.id)).map((d) => d.kind)).toEqual(['APPLICATION_SUBMITTED']);
  }, 120_000);
});
