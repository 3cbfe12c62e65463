import { createPool } from '@serang/db';
import { PostgresEventStore, toNewEvents } from '@serang/eventstore';
import type { ServiceDefinitionDocument } from '@serang/service-definition';

import {
  attachDocuments,
  createTestDatabase,
  gql,
  startServiceProcess,
  startTestIssuer,
  type RunningProcess,
  type TestDatabase,
  type TestIssuer,
  testPort,
} from '@serang/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { INDONESIAN_HOLIDAYS } from '../src/domain/indonesian-holidays';
import { newTrackingNumber } from '../src/domain/tracking-number';
import { slaDueAt, workingDayCalendar } from '../src/domain/working-days';

const PORT = testPort(4931);
const SERVICE_ID = 'test-ak1';
/** Values a citizen types: they must never be found in plain text anywhere we store. */
const SKILLS = 'Mengelas pipa bawah laut Q7X';
const PHONE = '081234567890';
const goodForm = { education: 'SMA', skills: SKILLS, phone: PHONE };

const SUBMIT = `mutation($input: SubmitApplicationInput!) {
  submitApplication(input: $input) { id trackingNumber status version submittedAt dueAt service { id version } timeline { status at actorRole note } }
}`;
const MINE = '{ myApplications { id trackingNumber status version dueAt submittedAt service { id version } timeline { status at actorRole note } } }';

interface ApplicationOut {
  id: string;
  trackingNumber: string;
  status: string;
  version: number;
  submittedAt: string;
  dueAt: string;
  service: { id: string; version: number };
  timeline: Array<{ status: string; at: string; actorRole: string; note: string | null }>;
}

/** A definition document in catalogue's format (docs/service-definitions.md) around a form. */
function definition(form: Record<string, unknown>): ServiceDefinitionDocument {
  const staff = ['OFFICER', 'AGENCY_ADMIN'] as const;
  return {
    schemaVersion: 1,
    descriptionId: 'Kartu AK/1 untuk pengujian.',
    descriptionEn: 'AK/1 card for testing.',
    slaWorkingDays: 3,
    fee: { amount: 0, currency: 'IDR' },
    requiredDocuments: [
      { code: 'KTP', nameId: 'KTP', nameEn: 'Identity card', required: true, mediaTypes: ['application/pdf', 'image/jpeg'], maxBytes: 2_097_152 },
    ],
    form,
    workflow: {
      states: [
        { code: 'SUBMITTED', nameId: 'Diajukan', nameEn: 'Submitted', start: true, slaWorkingDays: 3 },
        { code: 'COMPLETED', nameId: 'Selesai', nameEn: 'Completed', terminal: true, outcome: 'COMPLETED' },
        { code: 'REJECTED', nameId: 'Ditolak', nameEn: 'Rejected', terminal: true, outcome: 'REJECTED' },
      ],
      actions: [
        {
          code: 'COMPLETE',
          nameId: 'Terbitkan',
          nameEn: 'Issue',
          from: ['SUBMITTED'],
          to: 'COMPLETED',
          roles: [...staff],
          requiresOutputReference: true,
        },
        { code: 'REJECT', nameId: 'Tolak', nameEn: 'Reject', from: ['SUBMITTED'], to: 'REJECTED', roles: [...staff], requiresNote: true },
      ],
    },
  };
}

/** Publishes a service version the way catalogue does: a ServicePublished event in the store. */
async function publish(
  store: PostgresEventStore,
  version: number,
  form: Record<string, unknown>,
  serviceId = SERVICE_ID,
  definitionJson = JSON.stringify(definition(form)),
): Promise<void> {
  const data = {
    serviceId,
    agencyId: 'disnakertrans',
    version,
    code: 'AK1T',
    nameId: 'Kartu AK/1 (uji)',
    nameEn: 'AK/1 card (test)',
    definitionJson,
  };
  const events = toNewEvents([{ type: 'ServicePublished', data }], { now: new Date(), tenant: '3604', actor: { id: 'system', role: 'SYSTEM' } });
  await store.append(`service-${serviceId}`, events, version === 1 ? 'no_stream' : BigInt(version - 2));
}

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('request service (its own process, real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let pg: Pool;
  let issuer: TestIssuer;
  let svc: RunningProcess;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
  /** Each citizen's uploaded KTP (the test service requires one), uploaded once. */
  const ktp: Record<string, Promise<Array<{ requirement: string; documentId: string }>>> = {};
  const submit = async (who: string, input: Record<string, unknown>, lang = 'id') => {
    const documents = input.documents ?? (await (ktp[who] ??= attachDocuments(svc.url, tokens[who], ['KTP'])));
    return gql<{ submitApplication: ApplicationOut }>(
      svc.url,
      SUBMIT,
      { input: { serviceId: SERVICE_ID, idempotencyKey: randomUUID(), formData: JSON.stringify(goodForm), documents, ...input } },
      { ...as(who), 'accept-language': lang },
    );
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    db = await createTestDatabase('request');
    pg = createPool({ connectionString: db.url, max: 2, name: 'test' });
    store = await PostgresEventStore.connect({ connectionString: db.url });
    await publish(store, 1, {
      type: 'object',
      required: ['education', 'skills'],
      properties: { education: { type: 'string', enum: ['SD', 'SMP', 'SMA', 'S1'] }, skills: { type: 'string', minLength: 2 } },
    });
    // The latest version adds a required phone number: submissions must be checked against it.
    await publish(store, 2, {
      type: 'object',
      required: ['education', 'skills', 'phone'],
      properties: {
        education: { type: 'string', enum: ['SD', 'SMP', 'SMA', 'S1'] },
        skills: { type: 'string', minLength: 2, maxLength: 500 },
        phone: { type: 'string', pattern: '^08[0-9]{8,11}$' },
      },
      additionalProperties: false,
    });
    for (const who of ['ani', 'budi', 'burst', 'invalid', 'late'])
      tokens[who] = await issuer.token({ sub: `citizen-${who}-${randomUUID()}`, roles: ['CITIZEN'] });
    tokens.officer = await issuer.token({ sub: `officer-${randomUUID()}`, roles: ['OFFICER'], agency: 'disnakertrans' });
    svc = await startServiceProcess(
      'services/request/src/main.ts',
      { DATABASE_URL: db.url, IDENTITY_JWKS_URL: issuer.jwksUrl, VAULT_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`, LOG_LEVEL: 'warn' },
      PORT,
    );
    // Request keeps its own copy of the definitions, fed by catalogue's events (catalogue is not running).
    await eventually(
      async () => (await pg.query('select max(version) as v from request.service_definitions where id = $1', [SERVICE_ID])).rows[0].v,
      (v) => v === 2,
    );
  });
  afterAll(async () => {
    await svc?.stop();
    await store?.close();
    await pg?.end();
    await issuer?.close();
    await db?.drop();
  });

  let first: ApplicationOut;

  it('submits an application and answers at once from the decided state', async () => {
    const res = await submit('ani', {});
    expect(res.errors).toBeUndefined();
    first = res.data!.submitApplication;
    expect(first).toMatchObject({
      status: 'SUBMITTED',
      version: 1,
      service: { id: SERVICE_ID, version: 2 },
      timeline: [{ status: 'SUBMITTED', actorRole: 'CITIZEN', note: null }],
    });
    expect(first.trackingNumber).toMatch(/^SRG-\d{2}-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-Z*~$=]$/);
    // 3 working days after the day of submission, at 23:59:59.999 WIB, with the built-in holidays.
    const calendar = workingDayCalendar(INDONESIAN_HOLIDAYS.map((h) => h.date));
    expect(first.dueAt).toBe(slaDueAt(new Date(first.submittedAt), 3, calendar).toISOString());
    expect(first.dueAt).toMatch(/T16:59:59\.999Z$/);
  });

  it('lists it in myApplications with due date and timeline once the projection has it', async () => {
    const mine = await eventually(
      async () => (await gql<{ myApplications: ApplicationOut[] }>(svc.url, MINE, {}, as('ani'))).data?.myApplications ?? [],
      (list) => list.length === 1,
    );
    expect(mine).toEqual([first]);
    const one = await gql<{ application: ApplicationOut }>(
      svc.url,
      'query($id: ID!) { application(id: $id) { id dueAt timeline { status actorRole } } }',
      { id: first.id },
      as('ani'),
    );
    expect(one.data?.application).toEqual({ id: first.id, dueAt: first.dueAt, timeline: [{ status: 'SUBMITTED', actorRole: 'CITIZEN' }] });
  });

  it('lists the newest first', async () => {
    const second = (await submit('ani', { formData: JSON.stringify({ ...goodForm, education: 'S1' }) })).data!.submitApplication;
    const mine = await eventually(
      async () => (await gql<{ myApplications: ApplicationOut[] }>(svc.url, MINE, {}, as('ani'))).data?.myApplications ?? [],
      (list) => list.length === 2,
    );
    expect(mine.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(second.trackingNumber).not.toBe(first.trackingNumber);
  });

  it('rejects a form that breaks the latest published schema, one message per field, in Indonesian and English', async () => {
    const bad = { idempotencyKey: 'bad-form-1', formData: JSON.stringify({ education: 'PhD', skills: 'x', nickname: 'Ani' }) };
    const id = await submit('invalid', bad);
    expect(id.errors?.[0]).toMatchObject({
      message: 'Isian permohonan belum benar; periksa kolom yang ditandai.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'APPLICATION.INPUT_INVALID' },
    });
    expect(id.errors?.[0].extensions?.fields).toEqual({
      education: 'Pilih salah satu dari: SD, SMP, SMA, S1.',
      skills: 'Minimal 2 karakter.',
      phone: 'Wajib diisi.',
      nickname: 'Kolom ini tidak dikenal pada formulir.',
    });
    const en = await submit('invalid', bad, 'en-US,en;q=0.9');
    expect(en.errors?.[0].message).toBe('The application is not filled in correctly; check the marked fields.');
    expect(en.errors?.[0].extensions?.fields).toEqual({
      education: 'Choose one of: SD, SMP, SMA, S1.',
      skills: 'At least 2 characters.',
      phone: 'This field is required.',
      nickname: 'This field is not part of the form.',
    });
    const notJson = await submit('invalid', { formData: '{"education": ' }, 'en');
    expect(notJson.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { formData: 'The form data must be valid JSON text.' } });
    const badDocument = await submit('invalid', { documents: [{ requirement: 'KTP', documentId: 'Ani Suryani KTP.jpg' }] }, 'en');
    expect(badDocument.errors?.[0].extensions?.fields).toEqual({ 'documents.0': 'The value does not have the expected format.' });
    const noDocument = await submit('invalid', { documents: [] }, 'en');
    expect(noDocument.errors?.[0].extensions?.fields).toEqual({ 'documents.KTP': 'This document is required.' });
    const notTheirs = await submit('invalid', { documents: await attachDocuments(svc.url, tokens.ani, ['KTP']) }, 'en');
    expect(notTheirs.errors?.[0].extensions?.fields).toEqual({ 'documents.KTP': 'Upload not found; upload the document again.' });
    const png = await attachDocuments(svc.url, tokens.invalid, [{ code: 'KTP', image: true }]);
    const wrongType = await submit('invalid', { documents: png }, 'en');
    expect(wrongType.errors?.[0].extensions?.fields).toEqual({ 'documents.KTP': 'File type not accepted; use PDF, JPEG.' });
    // Bad input changes nothing: the same key then works for a corrected form.
    expect(
      (
        await pg.query(
          `select count(*)::int as n from eventstore.events where type = 'ApplicationSubmitted' and data->>'applicantId' like 'citizen-invalid-%'`,
        )
      ).rows[0].n,
    ).toBe(0);
    const fixed = await submit('invalid', { idempotencyKey: 'bad-form-1' });
    expect(fixed.errors).toBeUndefined();
  });

  it('refuses new applications once catalogue retires the service, and still answers resends of earlier ones', async () => {
    const retiring = 'test-retiring';
    const form = { type: 'object', required: ['education'], properties: { education: { type: 'string' } } };
    await publish(store, 1, form, retiring);
    await eventually(
      async () => (await pg.query('select count(*)::int as n from request.service_definitions where id = $1', [retiring])).rows[0].n,
      (n) => n === 1,
    );
    const before = await submit('late', { serviceId: retiring, idempotencyKey: 'before-retirement', formData: '{"education":"SMA"}' });
    expect(before.errors).toBeUndefined();
    const retired = toNewEvents([{ type: 'ServiceRetired', data: { serviceId: retiring, agencyId: 'disnakertrans', version: 1 } }], {
      now: new Date(),
      tenant: '3604',
      actor: { id: 'admin-1', role: 'AGENCY_ADMIN' },
    });
    await store.append(`service-${retiring}`, retired, 0n);
    await eventually(
      async () => (await pg.query('select retired_at from request.service_definitions where id = $1', [retiring])).rows[0].retired_at,
      (at) => at !== null,
    );
    const id = await submit('late', { serviceId: retiring, formData: '{"education":"SMA"}' });
    expect(id.errors?.[0]).toMatchObject({
      message: `Layanan ${retiring} sudah tidak menerima permohonan baru.`,
      extensions: { code: 'CONFLICT', reason: 'SERVICE.RETIRED' },
    });
    const en = await submit('late', { serviceId: retiring, formData: '{"education":"SMA"}' }, 'en');
    expect(en.errors?.[0].message).toBe(`The service ${retiring} no longer takes new applications.`);
    const resend = await submit('late', { serviceId: retiring, idempotencyKey: 'before-retirement', formData: '{"education":"SMA"}' });
    expect(resend.data?.submitApplication.id).toBe(before.data!.submitApplication.id);
  });

  it('parks a published definition it cannot read rather than accepting applications against it', async () => {
    // The format before schemaVersion 1: documents as bare codes, no workflow.
    const oldFormat = JSON.stringify({ slaWorkingDays: 3, form: { type: 'object' }, requiredDocuments: ['KTP'] });
    await publish(store, 1, {}, 'test-old-format', oldFormat);
    const parked = await eventually(
      async () => (await pg.query<{ reason: string }>("select reason from request.parked_events where stream_id = 'service-test-old-format'")).rows,
      (rows) => rows.length === 1,
    );
    expect(parked).toEqual([{ reason: 'handler-failed' }]);
    expect((await submit('ani', { serviceId: 'test-old-format', formData: '{}' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for a service request has never seen published', async () => {
    const res = await submit('ani', { serviceId: 'no-such-service' }, 'en');
    expect(res.errors?.[0]).toMatchObject({
      message: 'Service no-such-service was not found.',
      extensions: { code: 'NOT_FOUND', reason: 'SERVICE.NOT_FOUND' },
    });
  });

  it('creates exactly one application for 100 concurrent resends with one idempotency key', async () => {
    const input = { idempotencyKey: `burst-${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 100 }, () => submit('burst', input)));
    expect(answers.filter((a) => a.errors)).toEqual([]);
    const ids = new Set(answers.map((a) => a.data!.submitApplication.id));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((a) => a.data!.submitApplication.trackingNumber)).size).toBe(1);
    const [id] = [...ids];
    const events = await pg.query(
      `select distinct stream_id from eventstore.events where type = 'ApplicationSubmitted' and data->>'applicantId' like 'citizen-burst-%'`,
    );
    expect(events.rows).toEqual([{ stream_id: `application-${id}` }]);
    expect((await pg.query(`select count(*)::int as n from request.idempotency_keys where caller_id like 'citizen-burst-%'`)).rows[0].n).toBe(1);
    expect((await pg.query('select count(*)::int as n from request.tracking_numbers where application_id = $1', [id])).rows[0].n).toBe(1);
  });

  it('answers CONFLICT when the same key comes with another payload, and scopes keys to the caller', async () => {
    const key = `key-${randomUUID()}`;
    const original = (await submit('ani', { idempotencyKey: key })).data!.submitApplication;
    // The same payload spelled differently (key order, spacing) is a resend, not another payload.
    const respelled = await submit('ani', { idempotencyKey: key, formData: `{ "phone": "${PHONE}", "skills": "${SKILLS}", "education": "SMA" }` });
    expect(respelled.data?.submitApplication.id).toBe(original.id);
    const other = await submit('ani', { idempotencyKey: key, formData: JSON.stringify({ ...goodForm, education: 'S1' }) }, 'en');
    expect(other.errors?.[0]).toMatchObject({
      message: 'This idempotency key was already used with different input.',
      extensions: { code: 'CONFLICT', reason: 'REQUEST.IDEMPOTENCY_KEY_REUSED' },
    });
    const someoneElse = await submit('budi', { idempotencyKey: key });
    expect(someoneElse.errors).toBeUndefined();
    expect(someoneElse.data!.submitApplication.id).not.toBe(original.id);
  });

  it('never shows a citizen another citizen’s application, nor reveals that it exists', async () => {
    const theirs = await gql(svc.url, 'query($id: ID!) { application(id: $id) { id } }', { id: first.id }, as('budi'));
    const nobodys = await gql(svc.url, 'query($id: ID!) { application(id: $id) { id } }', { id: randomUUID() }, as('budi'));
    expect(theirs.errors?.[0]).toMatchObject({
      message: 'Permohonan tidak ditemukan.',
      extensions: { code: 'NOT_FOUND', reason: 'APPLICATION.NOT_FOUND' },
    });
    expect(theirs.errors?.[0]).toEqual(nobodys.errors?.[0]);
    const list = await eventually(
      async () => (await gql<{ myApplications: ApplicationOut[] }>(svc.url, MINE, {}, as('budi'))).data!.myApplications,
      (l) => l.length === 1,
    );
    expect(list.map((a) => a.id)).not.toContain(first.id);
  });

  it('tracks publicly by number with status and times only', async () => {
    const track = (n: string, lang = 'id') =>
      gql<{ trackApplication: Record<string, unknown> }>(
        svc.url,
        'query($n: String!) { trackApplication(trackingNumber: $n) { trackingNumber status timeline { status at } } }',
        { n },
        { 'accept-language': lang },
      );
    const res = await track(first.trackingNumber.toLowerCase());
    expect(res.data?.trackApplication).toEqual({
      trackingNumber: first.trackingNumber,
      status: 'SUBMITTED',
      timeline: [{ status: 'SUBMITTED', at: first.submittedAt }],
    });
    // The type itself has nothing else to ask for.
    const shape = await gql<{ t: { fields: Array<{ name: string }> }; e: { fields: Array<{ name: string }> } }>(
      svc.url,
      '{ t: __type(name: "TrackingResult") { fields { name } } e: __type(name: "TrackingEntry") { fields { name } } }',
    );
    expect(shape.data!.t.fields.map((f) => f.name).sort()).toEqual(['status', 'timeline', 'trackingNumber']);
    expect(shape.data!.e.fields.map((f) => f.name).sort()).toEqual(['at', 'status']);
    // A typo is caught by the check symbol; a well-formed unknown number is simply not found.
    const body = first.trackingNumber.split('-')[2];
    const typo = first.trackingNumber.replace(body, (body[0] === 'A' ? 'B' : 'A') + body.slice(1));
    expect((await track(typo, 'en')).errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'APPLICATION.TRACKING_NUMBER_INVALID' },
    });
    const unknown = newTrackingNumber('SRG', new Date(), randomBytes(6));
    expect((await track(unknown)).errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND', reason: 'APPLICATION.TRACKING_NUMBER_NOT_FOUND' } });
  });

  it('stores no plain text of what the citizen typed: events, request tables and logs hold ciphertext only', async () => {
    const events = await pg.query<{ type: string; data: { formCiphertext?: string } }>(
      "select type, data from eventstore.events where type = 'ApplicationSubmitted'",
    );
    expect(events.rows.length).toBeGreaterThan(0);
    expect(events.rows.every((r) => r.data.formCiphertext?.startsWith('vault:v1:'))).toBe(true);
    const everything = await pg.query<{ t: string }>(
      `select data::text || metadata::text as t from eventstore.events
       union all select row_to_json(x)::text from request.applications x
       union all select row_to_json(x)::text from request.application_timeline x
       union all select row_to_json(x)::text from request.idempotency_keys x
       union all select row_to_json(x)::text from request.tracking_numbers x
       union all select row_to_json(x)::text from request.service_definitions x
       union all select row_to_json(x)::text from request.person_keys x
       union all select row_to_json(x)::text from request.processed_events x`,
    );
    const text = everything.rows.map((r) => r.t).join('\n') + svc.output();
    for (const secret of [SKILLS, 'Mengelas', PHONE]) expect(text).not.toContain(secret);
  });

  it('lets only citizens submit, and only signed in', async () => {
    const officer = await submit('officer', { documents: [] }, 'en');
    expect(officer.errors?.[0]).toMatchObject({ message: 'You are not allowed to do this.', extensions: { code: 'FORBIDDEN' } });
    const anonymous = await gql(svc.url, SUBMIT, { input: { serviceId: SERVICE_ID, idempotencyKey: 'x', formData: '{}' } });
    expect(anonymous.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const forged = await gql(svc.url, MINE, {}, { authorization: 'Bearer not-a-token' });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'AUTH.INVALID_TOKEN' });
    expect((await gql(svc.url, MINE)).errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
