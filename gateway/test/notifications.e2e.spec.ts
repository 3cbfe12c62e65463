import { createPool, type GuardedPool } from '@serang/db';
import { startHttpRecorder, testPort, type HttpRecorder } from '@serang/testing';
import { createHmac } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { PlatformWorld, type Person } from './fixtures/platform-world';

const AK1_FORM = {
  education: 'SMK',
  major: 'Teknik Pengelasan',
  graduationYear: 2023,
  skills: 'Pengelasan SMAW',
  desiredPosition: 'Juru las',
  maritalStatus: 'BELUM_KAWIN',
  heightCm: 168,
  weightKg: 60,
  phone: '081234567890',
};
const CONTACT_API_TOKEN = 'e2e-contact-secret-0123456789abcdef';
const LINKS = 'https://layanan.serangkab.go.id';
const WA = { phoneNumberId: '109876543210', accessToken: 'wa-access-token', appSecret: 'wa-app-secret-e2e', verifyToken: 'wa-verify-token-e2e' };
const SMS = { token: 'sms-gateway-token', callbackToken: 'sms-callback-token-0123456789abcdef' };

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
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    attempts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('notifications by e-mail, SMS and WhatsApp (gateway, five services, a real SMTP relay, a real HTTP server for the providers)', () => {
  const world = new PlatformWorld('store', testPort(4840));
  const rules = { tempFails: new Map<string, number>(), refuse: new Set<string>() };
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let pg: GuardedPool;
  let providers: HttpRecorder;
  let sent = 0;

  beforeAll(async () => {
    relay = await startRelay(rules);
    // The SMS gateway and the WhatsApp Cloud API, as one recording server answering as each does.
    providers = await startHttpRecorder((r) => ({
      status: 200,
      body: r.path.endsWith('/messages') ? { messaging_product: 'whatsapp', messages: [{ id: `wamid.${++sent}` }] } : { id: `sms-${++sent}` },
    }));
    await world.start({
      NOTIFICATION_SMTP_URL: relay.url,
      CONTACT_API_TOKEN,
      NOTIFICATION_LINK_BASE: LINKS,
      NOTIFICATION_RETRY_BASE_SECONDS: '0.5',
      NOTIFICATION_MAX_ATTEMPTS: '3',
      SMS_GATEWAY_URL: `${providers.url}/sms/send`,
      SMS_GATEWAY_TOKEN: SMS.token,
      SMS_CALLBACK_TOKEN: SMS.callbackToken,
      WHATSAPP_API_URL: `${providers.url}/v21.0`,
      WHATSAPP_PHONE_NUMBER_ID: WA.phoneNumberId,
      WHATSAPP_ACCESS_TOKEN: WA.accessToken,
      WHATSAPP_APP_SECRET: WA.appSecret,
      WHATSAPP_VERIFY_TOKEN: WA.verifyToken,
    });
    pg = createPool({ connectionString: world.db.url, max: 2, name: 'test' });
  }, 180_000);
  afterAll(async () => {
    await pg?.end();
    await world.stop();
    await relay?.close();
    await providers?.close();
  });

  const mailsTo = (address: string) => relay.accepted.filter((m) => m.to.includes(address));
  const submit = async (who: Person) => {
    const r = await world.submit(who, 'disnakertrans-ak1', AK1_FORM);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data!.submitApplication;
  };
  const deliveriesTo = async (personId: string, channel = 'email') =>
    (
      await pg.query<{ id: string; kind: string; status: string; attempts: number; provider_reference: string | null }>(
        `select id, kind, status, attempts, provider_reference from notification.deliveries where recipient_id = $1 and channel = $2 order by created_at`,
        [personId, channel],
      )
    ).rows;
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
    const [delivery] = await world.until(
      async () => ((await deliveriesTo(ani.id))[0]?.status === 'delivered' ? deliveriesTo(ani.id) : undefined),
      'delivered',
    );
    expect(delivery).toMatchObject({ kind: 'APPLICATION_SUBMITTED', status: 'delivered', attempts: 1 });
    expect(mail.messageId).toBe(`<${delivery.id}@serang-tatu>`);

    // The address is read from identity at send time, audited there, and kept nowhere in notification.
    const { rows } = await pg.query<{ t: string }>(
      `select string_agg(t::text, ' ') as t from (select row_to_json(x) as t from notification.deliveries x union all select row_to_json(i) from notification.inbox i) all_rows`,
    );
    expect(rows[0].t).not.toContain(ani.email);
    const log = await world.until(async () => {
      const r = await world.call<{ personalDataAccessLog: Array<{ actorId: string; purpose: string; fields: string[] }> }>(
        `{ personalDataAccessLog { actorId purpose fields } }`,
        {},
        ani.token,
      );
      return r.data?.personalDataAccessLog.find((e) => e.purpose === 'NOTIFY');
    }, 'the contact read in the audit trail');
    expect(log).toMatchObject({ actorId: 'service:notification', fields: expect.arrayContaining(['email']) });
    // Identity hands contact data to notification's secret only; the gateway has no route to it.
    for (const authorization of [undefined, 'Bearer wrong-secret-0123456789abcdefgh']) {
      const res = await fetch(`${world.platform.urls.identity}/internal/contacts/${ani.id}`, {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(ani.email);
    }
    expect(
      (
        await fetch(`${world.platform.urls.gateway}/internal/contacts/${ani.id}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${CONTACT_API_TOKEN}` },
        })
      ).status,
    ).toBe(404);

    // A changed address is used from the next message on.
    const changed = `ani.baru.${Date.now()}@example.id`;
    expect(
      (await world.call(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`, { i: { email: changed } }, ani.token)).errors,
    ).toBeUndefined();
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
    const settled = await world.until(
      async () => ((await deliveriesTo(budi.id))[0]?.status === 'delivered' ? deliveriesTo(budi.id) : undefined),
      'delivered after retries',
    );
    expect(settled).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);

    const refused = await world.until(
      async () => ((await deliveriesTo(citra.id))[0]?.status === 'permanent-failure' ? deliveriesTo(citra.id) : undefined),
      'permanent failure',
    );
    expect(refused).toEqual([expect.objectContaining({ status: 'permanent-failure', attempts: 1 })]);
    expect(mailsTo(citra.email)).toEqual([]);
  }, 120_000);

  it('never mails an erased person: what was waiting is dropped, and later steps send nothing', async () => {
    const dedi = await world.citizen('Dedi Surel');
    const app = await submit(dedi);
    await world.until(async () => mailsTo(dedi.email)[0], 'the submission mail');
    expect((await world.call(`mutation($id: ID!) { erasePerson(subjectId: $id) }`, { id: dedi.id }, world.admin.token)).errors).toBeUndefined();
    await world.until(
      async () => (await pg.query(`select 1 from notification.erased_recipients where person_id = $1`, [dedi.id])).rowCount === 1,
      'notification saw the erasure',
    );
    expect((await world.act(officer, app.id, 'CLAIM', app.version)).errors).toBeUndefined();
    await notificationCaughtUp();
    await new Promise((r) => setTimeout(r, 1500)); // a dispatcher round or two
    expect(mailsTo(dedi.email)).toHaveLength(1);
    expect((await deliveriesTo(dedi.id)).map((d) => d.kind)).toEqual(['APPLICATION_SUBMITTED']);
  }, 120_000);

  it('sends SMS and WhatsApp through their HTTP APIs under the same key, and sets "delivered" only from their authenticated callbacks', async () => {
    const eko = await world.citizen('Eko Telepon', { phone: '0813-1111-2222' });
    const app = await submit(eko);
    const wa = await providers.waitFor((r) => r.path.endsWith('/messages') && JSON.stringify(r.json).includes(app.trackingNumber), 30_000);
    const sms = await providers.waitFor((r) => r.path === '/sms/send' && JSON.stringify(r.json).includes(app.trackingNumber), 30_000);
    const [waDelivery] = await world.until(
      async () => ((await deliveriesTo(eko.id, 'whatsapp'))[0]?.provider_reference ? deliveriesTo(eko.id, 'whatsapp') : undefined),
      'WhatsApp accepted',
    );
    const [smsDelivery] = await world.until(
      async () => ((await deliveriesTo(eko.id, 'sms'))[0]?.provider_reference ? deliveriesTo(eko.id, 'sms') : undefined),
      'SMS accepted',
    );

    expect(wa.path).toBe(`/v21.0/${WA.phoneNumberId}/messages`);
    expect(wa.headers.authorization).toBe(`Bearer ${WA.accessToken}`);
    expect(wa.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '6281311112222',
      type: 'text',
      text: {
        preview_url: true,
        body: expect.stringMatching(
          new RegExp(
            `^Permohonan diterima: Permohonan ${app.trackingNumber.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} telah diterima\\. Target selesai: \\d{1,2} \\w+ \\d{4}\\.$`,
          ),
        ),
      },
      biz_opaque_callback_data: waDelivery.id,
    });
    expect(sms.headers).toMatchObject({ authorization: `Bearer ${SMS.token}`, 'idempotency-key': smsDelivery.id });
    expect(sms.json).toMatchObject({ to: '6281311112222', reference: smsDelivery.id, text: expect.stringContaining(app.trackingNumber) });
    // Accepted is not delivered: both wait for the provider's word.
    expect([waDelivery.status, smsDelivery.status]).toEqual(['sending', 'sending']);

    const callbacks = `${world.platform.urls.notification}/callbacks`;
    const handshake = await fetch(`${callbacks}/whatsapp?hub.mode=subscribe&hub.verify_token=${WA.verifyToken}&hub.challenge=1158201444`);
    expect(await handshake.text()).toBe('1158201444');
    expect((await fetch(`${callbacks}/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1`)).status).toBe(403);

    const statusBody = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                statuses: [
                  {
                    id: waDelivery.provider_reference,
                    status: 'delivered',
                    timestamp: '1764700000',
                    recipient_id: '6281311112222',
                    biz_opaque_callback_data: waDelivery.id,
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${callbacks}/${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const forged = await post('whatsapp', statusBody, {
      'x-hub-signature-256': `sha256=${createHmac('sha256', 'not-the-secret').update(statusBody).digest('hex')}`,
    });
    expect(forged.status).toBe(401);
    expect((await deliveriesTo(eko.id, 'whatsapp'))[0].status).toBe('sending');
    const signed = await post('whatsapp', statusBody, {
      'x-hub-signature-256': `sha256=${createHmac('sha256', WA.appSecret).update(statusBody).digest('hex')}`,
    });
    expect(await signed.json()).toEqual({ updated: 1 });
    expect((await deliveriesTo(eko.id, 'whatsapp'))[0].status).toBe('delivered');

    const receipt = JSON.stringify({ id: smsDelivery.provider_reference, reference: smsDelivery.id, status: 'DELIVERED' });
    expect((await post('sms', receipt, {})).status).toBe(401);
    expect(await (await post('sms', receipt, { authorization: `Bearer ${SMS.callbackToken}` })).json()).toEqual({ updated: 1 });
    expect((await deliveriesTo(eko.id, 'sms'))[0].status).toBe('delivered');
    // A late "failed" never undoes "delivered".
    expect(
      await (
        await post('sms', JSON.stringify({ reference: smsDelivery.id, status: 'failed' }), { authorization: `Bearer ${SMS.callbackToken}` })
      ).json(),
    ).toEqual({ updated: 0 });
  }, 120_000);
});
