import { createPool } from '@serang/db';
import { evolve, initialState } from '@serang/request/src/domain/application.decider';
import type { ApplicationEvent } from '@serang/request/src/domain/application.events';
import type { PersonEvent } from '@serang/identity/src/person/domain/identity.events';
import { evolvePerson, initialPersonState } from '@serang/identity/src/person/domain/person.decider';
import { pdfWith, startHttpRecorder, testKafkaBrokers, uploadFile, testPort, type HttpRecorder } from '@serang/testing';
import { parseMasterKeys, PersonDataErasedError, Vault } from '@serang/vault';
import { Kafka, logLevel } from 'kafkajs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PlatformWorld, type Person } from './fixtures/platform-world';

/** What Zulaikha gives the platform: none of it may be found in plain text anywhere it keeps or sends things. */
const SECRETS = {
  nik: '3604015708910123',
  name: 'Zulaikha Kartikasari',
  email: 'zulaikha.kartika@example.id',
  phone: '0857-7123-4567',
  phoneE164: '+6285771234567',
  phoneDigits: '85771234567',
  address: 'Kampung Priuk RT 003/004, Desa Tambak',
  formMarker: 'UkirJati-Q9Z',
  documentMarker: 'DOC-MARKER-7731',
  revealReason: 'Verifikasi data Zulaikha untuk kartu AK1',
  revisionNote: 'Ijazah Zulaikha tidak terbaca',
  outputReference: 'AK1/3604/2026/009999',
  complaintMarker: 'Loket-AK1-Z3R',
  complaintAnswer: 'Petugas loket Zulaikha sudah ditegur',
  feedbackMarker: 'KRITIK-MARKER-4417',
  consultationMarker: 'KONSULTASI-MARKER-8812',
};

const AK1_FORM = {
  education: 'SMK',
  major: 'Kriya Kayu',
  graduationYear: 2020,
  skills: `Mengukir kayu jati ${SECRETS.formMarker}`,
  desiredPosition: 'Pengrajin',
  maritalStatus: 'KAWIN',
  heightCm: 155,
  weightKg: 52,
  phone: '085771234567',
};

/**
 * The privacy promise, checked end to end in Kafka mode: after a journey that touches every kind
 * of personal data, a scan of every table (event store and read models), every Kafka topic, every
 * service log and the document storage finds none of it in plain text; after erasure nothing of
 * the person can be decrypted anywhere, while the history still replays into the read models.
 */
describe('personal data: encrypted everywhere, erased everywhere (gateway, five services, Kafka mode)', () => {
  const world = new PlatformWorld('kafka', testPort(4680));
  let zulaikha: Person;
  let officer: Person;
  let applicationId = '';
  const complaintIds: string[] = [];
  const threadId = '0194f000-0000-7000-8000-00000000c0de';
  let pool: Pool;
  // The agency's own system hears the application through a signed webhook: what it receives is scanned too.
  let agencyReceiver: HttpRecorder;

  beforeAll(async () => {
    agencyReceiver = await startHttpRecorder();
    await world.start({ NOTIFICATION_WEBHOOK_ALLOW_HTTP: 'true', NOTIFICATION_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
    pool = createPool({ connectionString: world.db.url, max: 2, name: 'test' });
  });
  afterAll(async () => {
    await pool?.end();
    await world.stop();
    await agencyReceiver?.close();
  });

  /** Every row of every table of the platform's database as text, bytea columns also as raw bytes. */
  const scanDatabase = async (needles: string[]): Promise<string[]> => {
    const found: string[] = [];
    const { rows: tables } = await pool.query<{ s: string; t: string }>(
      `select table_schema as s, table_name as t from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    );
    for (const { s, t } of tables) {
      const { rows } = await pool.query<{ j: string }>(`select row_to_json(x)::text as j from "${s}"."${t}" x`);
      const text = rows
        .map((r) => r.j)
        .join('\n')
        .toLowerCase();
      for (const n of needles) if (text.includes(n.toLowerCase())) found.push(`${s}.${t}: ${n}`);
      const { rows: cols } = await pool.query<{ c: string }>(
        `select column_name as c from information_schema.columns where table_schema = $1 and table_name = $2 and data_type = 'bytea'`,
        [s, t],
      );
      for (const { c } of cols) {
        for (const n of needles) {
          const hit = await pool.query(`select 1 from "${s}"."${t}" where position(convert_to($1, 'UTF8') in "${c}") > 0 limit 1`, [n]);
          if (hit.rowCount) found.push(`${s}.${t}.${c} (bytes): ${n}`);
        }
      }
    }
    return found;
  };

  /** Every message of this platform's topics, values and headers, from the beginning. */
  const readTopics = async (): Promise<Buffer[]> => {
    const kafka = new Kafka({ clientId: 'privacy-scan', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${world.env.KAFKA_NAMESPACE}.`));
    const offsets = await Promise.all(
      topics.map(async (topic) => ({ topic, total: (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0) })),
    );
    await admin.disconnect();
    const expected = offsets.reduce((n, o) => n + o.total, 0);
    const consumer = kafka.consumer({ groupId: `privacy-scan-${Date.now()}` });
    const messages: Buffer[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(
          Buffer.concat([
            message.value ?? Buffer.alloc(0),
            ...Object.values(message.headers ?? {}).map((h) => (Buffer.isBuffer(h) ? h : Buffer.from(String(h)))),
          ]),
        );
      },
    });
    await world.until(async () => messages.length >= expected, `${expected} messages read`, 30_000);
    await consumer.disconnect();
    expect(topics.length).toBeGreaterThanOrEqual(3); // identity, catalogue and request relayed their events
    expect(topics.some((t) => t.endsWith('.notification.events'))).toBe(true); // and notification its webhook subscriptions
    return messages;
  };

  const needles = () => Object.values(SECRETS);

  it('runs a journey that touches every kind of personal data', async () => {
    // An agency admin subscribes the agency's system to every step of its applications.
    const agencyAdmin = await world.staff(['AGENCY_ADMIN'], 'disnakertrans', 'Admin Webhook');
    const system = await world.agencySystem('disnakertrans', 'SIAP Kerja');
    const subscribed = await world.until(async () => {
      const r = await world.call<{ createWebhookSubscription: { secret: string } }>(
        `mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret } }`,
        {
          i: {
            systemId: system.id,
            url: `${agencyReceiver.url}/hooks`,
            eventTypes: ['ApplicationSubmitted', 'ApplicationTransitioned', 'ApplicationResubmitted'],
          },
        },
        agencyAdmin.token,
      );
      // Notification learns of the system from identity's events: until then it is unknown.
      return r.errors?.[0]?.extensions?.reason === 'WEBHOOK.INPUT_INVALID' ? undefined : r;
    }, 'notification knows the agency system');
    expect(subscribed.errors).toBeUndefined();
    zulaikha = await world.citizen(SECRETS.name, { nik: SECRETS.nik, email: SECRETS.email, phone: SECRETS.phone });
    expect(
      (await world.call(`mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }`, { i: { address: SECRETS.address } }, zulaikha.token))
        .errors,
    ).toBeUndefined();
    // Her own notification preferences (a channel off, quiet hours): choices and ids only, erased with her.
    const prefs = await world.call(
      `mutation($i: NotificationPreferencesInput!) { updateNotificationPreferences(input: $i) { optedOutChannels } }`,
      { i: { optedOutChannels: ['whatsapp'], quietHours: { startMinute: 1320, endMinute: 360 } } },
      zulaikha.token,
    );
    expect(prefs.errors).toBeUndefined();
    const gateway = world.platform.urls.gateway;
    const upload = async (code: string, data: Buffer, image = false) => {
      const r = await uploadFile(
        gateway,
        { name: 'file', filename: `${code} ${SECRETS.name}.${image ? 'png' : 'pdf'}`, data },
        { authorization: `Bearer ${zulaikha.token}` },
      );
      return { requirement: code, documentId: r.json.id! };
    };
    const { pngWith } = await import('@serang/testing');
    const documents = [
      await upload('KTP', pdfWith(`${SECRETS.documentMarker} ${SECRETS.nik}`)),
      await upload('IJAZAH', pdfWith(`Ijazah ${SECRETS.name}`)),
      await upload('PAS_FOTO', pngWith('foto'), true),
    ];
    const { randomUUID } = await import('node:crypto');
    const submitted = await world.call<{ submitApplication: { id: string } }>(
      `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id } }`,
      {
        i: { serviceId: 'disnakertrans-ak1', formData: JSON.stringify(AK1_FORM), documents, idempotencyKey: randomUUID() },
      },
      zulaikha.token,
    );
    expect(submitted.errors).toBeUndefined();
    applicationId = submitted.data!.submitApplication.id;

    officer = await world.staff(['OFFICER'], 'disnakertrans', 'Petugas Privasi');
    const seen = await world.until(async () => {
      const r = await world.call<{ application: { applicant: { name: string | null }; formData: string } }>(
        `query($id: ID!) { application(id: $id) { formData applicant { name maskedNik } } }`,
        { id: applicationId },
        officer.token,
      );
      return r.data?.application.applicant.name ? r.data.application : undefined;
    }, 'officer sees the applicant');
    expect(seen.applicant.name).toBe(SECRETS.name);
    expect(seen.formData).toContain(SECRETS.formMarker);
    const revealed = await world.call<{ revealPersonalData: { nik: string } }>(
      `mutation($id: ID!, $r: String!) { revealPersonalData(subjectId: $id, reason: $r) { nik } }`,
      { id: zulaikha.id, r: SECRETS.revealReason },
      officer.token,
    );
    expect(revealed.data?.revealPersonalData.nik).toBe(SECRETS.nik);
    const doc = await fetch(`${gateway}/uploads/${documents[0].documentId}`, { headers: { authorization: `Bearer ${officer.token}` } });
    expect(Buffer.from(await doc.arrayBuffer()).toString('latin1')).toContain(SECRETS.documentMarker);

    let v = (await world.act(officer, applicationId, 'CLAIM', 1)).data!.transitionApplication.version;
    v = (await world.act(officer, applicationId, 'START_VERIFICATION', v)).data!.transitionApplication.version;
    v = (await world.act(officer, applicationId, 'REQUEST_REVISION', v, { note: SECRETS.revisionNote })).data!.transitionApplication.version;
    const resubmitted = await world.call<{ resubmitApplication: { version: number } }>(
      `mutation($id: ID!, $i: ResubmitApplicationInput!) { resubmitApplication(id: $id, input: $i) { version } }`,
      { id: applicationId, i: { formData: JSON.stringify(AK1_FORM), documents } },
      zulaikha.token,
    );
    v = (await world.act(officer, applicationId, 'APPROVE', resubmitted.data!.resubmitApplication.version)).data!.transitionApplication.version;
    const done = await world.act(officer, applicationId, 'COMPLETE', v, { outputReference: SECRETS.outputReference });
    expect(done.data?.transitionApplication.status).toBe('COMPLETED');
    // Complaints (docs/complaints.md): a named one about her application, and an anonymous one; the officer reads and answers.
    for (const anonymous of [false, true]) {
      const filed = await world.call<{ fileComplaint: { id: string } }>(
        `mutation($i: FileComplaintInput!) { fileComplaint(input: $i) { id } }`,
        {
          i: {
            categoryCode: 'PELAYANAN_PUBLIK',
            text: `${SECRETS.complaintMarker} ${SECRETS.name} ${SECRETS.phone}`,
            location: SECRETS.address,
            ...(anonymous ? { agencyId: 'disnakertrans', anonymous: true } : { applicationId }),
            idempotencyKey: randomUUID(),
          },
        },
        zulaikha.token,
      );
      expect(filed.errors).toBeUndefined();
      const id = filed.data!.fileComplaint.id;
      complaintIds.push(id);
      const step = (token: string, action: string, version: number, text?: string) =>
        world.call(
          `mutation($id: ID!, $a: String!, $v: Int!, $t: String) { transitionComplaint(id: $id, action: $a, expectedVersion: $v, text: $t) { id } }`,
          {
            id,
            a: action,
            v: version,
            t: text,
          },
          token,
        );
      await step(world.admin.token, 'VERIFY', 1);
      await step(world.admin.token, 'FORWARD', 2);
      const read = await world.call<{ complaint: { text: string } }>(`query($id: ID!) { complaint(id: $id) { text } }`, { id }, officer.token);
      expect(read.data!.complaint.text).toContain(SECRETS.complaintMarker);
      await step(officer.token, 'TAKE_UP', 3);
      expect((await step(officer.token, 'ANSWER', 4, SECRETS.complaintAnswer)).errors).toBeUndefined();
    }
    // Feedback: the survey with critique, and a suggestion on its own, both naming her (free text is personal).
    const survey = await world.call(
      `mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) { id } }`,
      {
        i: {
          applicationId,
          scores: [4, 4, 3, 4, 4, 3, 4, 3, 3],
          profile: { sex: 'FEMALE' },
          critique: `${SECRETS.feedbackMarker} hubungi ${SECRETS.phone}`,
        },
      },
      zulaikha.token,
    );
    expect(survey.errors).toBeUndefined();
    const comment = await world.call(
      `mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) { id } }`,
      { i: { agencyId: 'disnakertrans', suggestion: `Saya ${SECRETS.name} menyarankan loket khusus lansia`, idempotencyKey: 'privacy-1' } },
      zulaikha.token,
    );
    expect(comment.errors).toBeUndefined();
    // A consultation: her question, and the officer's answer that names her (every text of a thread is hers).
    const opened = await world.call(
      `mutation($i: OpenConsultationInput!) { openConsultation(input: $i) { id } }`,
      {
        i: {
          id: threadId,
          applicationId,
          subject: `Kartu AK1 ${SECRETS.name}`,
          message: { messageId: '0194f000-0000-7000-8000-0000000000a1', text: `${SECRETS.consultationMarker} NIK saya ${SECRETS.nik}` },
        },
      },
      zulaikha.token,
    );
    expect(opened.errors).toBeUndefined();
    await world.call(`mutation($id: ID!) { claimConsultation(id: $id) { id } }`, { id: threadId }, officer.token);
    const replied = await world.call(
      `mutation($t: ID!, $m: ConsultationMessageInput!) { postConsultationMessage(threadId: $t, message: $m) { seq } }`,
      { t: threadId, m: { messageId: '0194f000-0000-7000-8000-0000000000a2', text: `Ibu ${SECRETS.name}, kartu sudah bisa diambil` } },
      officer.token,
    );
    expect(replied.errors).toBeUndefined();
    // The audit trail saw the officer's reads of the summary, the full data, the form, the document and the named complaint
    // (the anonymous complaint's reads are under its pseudonym: an entry under her id would name her).
    await world.until(
      async () =>
        (await pool.query(`select count(distinct purpose)::int as n from identity.personal_data_access_log where subject_id = $1`, [zulaikha.id]))
          .rows[0].n === 5,
      'reads audited',
    );
  });

  it('finds no plaintext personal data in any table, Kafka topic, service log or stored document', async () => {
    await world.until(
      async () => (await pool.query(`select 1 from request.applications where id = $1 and status = 'COMPLETED'`, [applicationId])).rowCount === 1,
      'projected',
    );
    // Every step the agency system subscribed to reached it, and is in the scanned outbox.
    const hooks = await world.until(async () => {
      const r = await pool.query<{ n: number }>(`select count(*)::int as n from notification.webhook_deliveries where status = 'delivered'`);
      return r.rows[0].n >= 6 ? agencyReceiver.requests() : undefined;
    }, 'webhooks delivered');
    for (const n of needles())
      expect({ n, inWebhooks: hooks.some((h) => h.body.includes(n) || JSON.stringify(h.headers).includes(n)) }).toEqual({ n, inWebhooks: false });
    expect(await scanDatabase(needles())).toEqual([]);
    const messages = await readTopics();
    expect(messages.length).toBeGreaterThan(10);
    const kafkaHits = needles().filter((n) => messages.some((m) => m.includes(Buffer.from(n))));
    expect(kafkaHits).toEqual([]);
    const logs = world.logs.join('\n').toLowerCase();
    expect(needles().filter((n) => logs.includes(n.toLowerCase()))).toEqual([]);
    const dir = world.env.UPLOADS_DIR;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath ?? (f as unknown as { path: string }).path, f.name));
      for (const n of needles()) expect({ file: f.name, n, found: bytes.includes(Buffer.from(n)) }).toEqual({ file: f.name, n, found: false });
    }
  });

  it('after erasure, decrypts nothing of the person in any service, though every event and message is still there', async () => {
    const before = Number((await pool.query(`select count(*) as n from eventstore.events`)).rows[0].n);
    expect(
      (await world.call(`mutation($p: String!) { eraseMyData(input: { password: $p }) }`, { p: zulaikha.password }, zulaikha.token)).data,
    ).toEqual({ eraseMyData: true });
    await world.until(
      async () =>
        (await pool.query(`select 1 from request.person_keys where person_id = $1 and destroyed_at is not null`, [zulaikha.id])).rowCount === 1,
      'request destroyed its key (from Kafka)',
    );
    await world.until(
      async () => (await pool.query(`select 1 from notification.erased_recipients where person_id = $1`, [zulaikha.id])).rowCount === 1,
      'notification dropped the inbox',
    );
    expect((await pool.query(`select 1 from notification.preferences where person_id = $1`, [zulaikha.id])).rowCount).toBe(0);

    const masterKeys = parseMasterKeys(world.env.VAULT_MASTER_KEYS);
    const vaults = {
      identity: new Vault(pool, { schema: 'identity', masterKeys, cacheTtlMs: 0 }),
      request: new Vault(pool, { schema: 'request', masterKeys, cacheTtlMs: 0 }),
    };
    const { rows } = await pool.query<{ stream_id: string; type: string; data: Record<string, unknown> }>(
      `select stream_id, type, data from eventstore.events where stream_id in ($1, $2, $3, $4) order by position`,
      [`person-${zulaikha.id}`, `application-${applicationId}`, `feedback-${applicationId}`, `consultation-${threadId}`],
    );
    // Her complaints' words and answers are under each complaint's own key, destroyed with her.
    const { rows: complaintRows } = await pool.query<{ stream_id: string; data: Record<string, unknown> }>(
      `select stream_id, data from eventstore.events where stream_id = any($1)`,
      [complaintIds.map((id) => `complaint-${id}`)],
    );
    const complaintCiphertexts = complaintRows.flatMap((r) =>
      Object.entries(r.data)
        .filter(([k, v]) => k.endsWith('Ciphertext') && typeof v === 'string' && v.startsWith('vault:'))
        .map(([, v]) => ({ subject: `complaint:${r.stream_id.slice('complaint-'.length)}`, v: v as string })),
    );
    expect(complaintCiphertexts.length).toBeGreaterThanOrEqual(8);
    for (const c of complaintCiphertexts) await expect(vaults.request.decrypt(c.subject, 'text', c.v)).rejects.toThrow(PersonDataErasedError);
    const ciphertexts = rows.flatMap((r) =>
      Object.entries(r.data)
        .filter(([k, v]) => k.endsWith('Ciphertext') && typeof v === 'string' && v.startsWith('vault:'))
        .map(([k, v]) => ({ vault: r.stream_id.startsWith('person-') ? vaults.identity : vaults.request, field: k, v: v as string })),
    );
    expect(ciphertexts.length).toBeGreaterThanOrEqual(8);
    for (const c of ciphertexts) await expect(c.vault.decrypt(zulaikha.id, 'any', c.v)).rejects.toThrow(PersonDataErasedError);
    const sealed = readdirSync(world.env.UPLOADS_DIR, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(sealed).toHaveLength(0); // request removed the erased person's sealed documents too
    expect(Number((await pool.query(`select count(*) as n from eventstore.events`)).rows[0].n)).toBeGreaterThan(before); // nothing deleted, erasure appended

    expect(
      (await world.call(`query($id: ID!) { application(id: $id) { formData applicant { name } } }`, { id: applicationId }, officer.token)).data,
    ).toEqual({ application: { formData: null, applicant: { name: null } } });
    expect(
      (
        await world.call(
          `mutation($id: ID!, $r: String!) { revealPersonalData(subjectId: $id, reason: $r) { nik } }`,
          { id: zulaikha.id, r: 'Mencoba membuka data yang terhapus' },
          officer.token,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    // Her critique and suggestion stay as records, unreadable: agencies see that something was said, not what.
    const comments = await world.call<{ feedbackComments: { comments: Array<{ critique: string | null; suggestion: string | null }> } }>(
      `{ feedbackComments { comments { critique suggestion } } }`,
      {},
      officer.token,
    );
    expect(comments.data!.feedbackComments.comments).toEqual(expect.arrayContaining([{ critique: null, suggestion: null }]));
    expect(JSON.stringify(comments.data)).not.toContain(SECRETS.feedbackMarker);
    // The thread stays, silent: no text can be read, and nobody can write to her any more.
    const thread = await world.call<{ consultationMessages: Array<{ text: string | null }> }>(
      `query($t: ID!) { consultationMessages(threadId: $t) { text } }`,
      { t: threadId },
      officer.token,
    );
    expect(thread.data!.consultationMessages).toEqual([{ text: null }, { text: null }]);
    const afterwards = await world.call(
      `mutation($t: ID!, $m: ConsultationMessageInput!) { postConsultationMessage(threadId: $t, message: $m) { seq } }`,
      { t: threadId, m: { messageId: '0194f000-0000-7000-8000-0000000000a3', text: 'Masih di sana?' } },
      officer.token,
    );
    expect(afterwards.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    await expect(world.login(SECRETS.email, zulaikha.password)).rejects.toThrow();
    const log = (
      await world.call<{ personalDataAccessLog: Array<{ purpose: string; reason: string | null }> }>(
        `query($f: PersonalDataAccessFilter) { personalDataAccessLog(filter: $f) { purpose reason } }`,
        { f: { subjectId: zulaikha.id } },
        world.admin.token,
      )
    ).data!.personalDataAccessLog;
    expect([...new Set(log.map((e) => e.purpose))].sort()).toEqual(['COMPLAINT_READ', 'DOCUMENT_READ', 'FORM_READ', 'REVEAL', 'VIEW_SUMMARY']); // what happened stays…
    expect(log.every((e) => e.reason === null)).toBe(true); // …who it was about does not
  });

  it('replays the whole history into fresh read models after erasure: the application is there, the person is not', async () => {
    const history = async <E>(streamId: string) =>
      (
        await pool.query<{ type: string; data: unknown }>(`select type, data from eventstore.events where stream_id = $1 order by revision`, [
          streamId,
        ])
      ).rows as unknown as E[];
    expect((await history<ApplicationEvent>(`application-${applicationId}`)).reduce(evolve, initialState)).toMatchObject({
      status: 'COMPLETED',
      closed: true,
      applicantId: zulaikha.id,
    });
    expect((await history<PersonEvent>(`person-${zulaikha.id}`)).reduce(evolvePerson, initialPersonState)).toMatchObject({ status: 'ERASED' });

    // Rebuild request's and identity's own read models from the store, from position zero.
    await world.platform.stop();
    await pool.query(`delete from request.consumer_checkpoints where consumer_id = 'request.self'; delete from request.processed_events where consumer_id = 'request.self';
      truncate request.applications, request.application_timeline, request.application_documents, request.feedback, request.consultations, request.consultation_messages;
      delete from identity.consumer_checkpoints where consumer_id = 'identity.self'; delete from identity.processed_events where consumer_id = 'identity.self'; truncate identity.persons`);
    await world.restart();
    const admin = await world.login(world.admin.login, world.admin.password);
    const rebuilt = await world.until(async () => {
      const r = await pool.query<{ status: string; n: number; erased: boolean }>(
        `select a.status, a.applicant_erased_at is not null as erased, (select count(*)::int from request.application_timeline t where t.application_id = a.id) as n from request.applications a where a.id = $1`,
        [applicationId],
      );
      return r.rows[0]?.status === 'COMPLETED' ? r.rows[0] : undefined;
    }, 'request rebuilt its read model');
    expect(rebuilt.n).toBe(7);
    // The erasure came from identity's stream long before this rebuild: the rebuilt row still knows it.
    expect(rebuilt.erased).toBe(true);
    await world.until(
      async () => (await pool.query(`select 1 from request.feedback where respondent_id = $1`, [zulaikha.id])).rowCount === 2,
      'request rebuilt its feedback (the survey and the comment)',
    );
    await world.until(
      async () => (await pool.query(`select last_seq from request.consultations where id = $1`, [threadId])).rows[0]?.last_seq === 2,
      'request rebuilt the consultation',
    );
    await world.until(
      async () =>
        (await pool.query(`select 1 from identity.persons where id = $1 and status = 'ERASED' and name_ciphertext is null`, [zulaikha.id]))
          .rowCount === 1,
      'identity rebuilt its persons',
    );
    expect((await pool.query(`select count(*)::int as n from request.parked_streams`)).rows[0].n).toBe(0);
    expect((await pool.query(`select count(*)::int as n from identity.parked_streams`)).rows[0].n).toBe(0);
    expect(admin.token).toBeTruthy();
  });
});
