import { Pool } from 'pg';
import { JOB_FAIR } from '@serang/service-definition/src/seeds/disnakertrans.seed';
import { CREATE, outcome, PUBLISH, RETIRE, UPDATE, startCatalogue, type Managed } from './authoring.helpers';
import { testPort } from '@serang/testing';

const PORT = testPort(4905);
const good = (code: string) => ({
  code,
  nameId: 'Pelatihan Kerja',
  nameEn: 'Vocational course',
  definitionJson: JSON.stringify(JOB_FAIR.definition),
});

/** What authoring refuses: bad definitions, the wrong people, and a second writer at the same moment. */
describe('catalogue authoring rules (its own process, real PostgreSQL)', () => {
  let catalogue: Awaited<ReturnType<typeof startCatalogue>>;
  let pg: Pool;
  const call: Awaited<ReturnType<typeof startCatalogue>>['call'] = (...args) => catalogue.call(...args);
  const eventCount = async (streamId: string) =>
    (await pg.query<{ n: number }>('select count(*)::int as n from eventstore.events where stream_id = $1', [streamId])).rows[0].n;

  beforeAll(async () => {
    catalogue = await startCatalogue('catalogue_rules', PORT);
    pg = catalogue.pg;
  });
  afterAll(() => catalogue?.stop());

  describe('invalid definitions', () => {
    const broken = () => {
      const d = structuredClone(JOB_FAIR.definition);
      const fields = d.form.properties as Record<string, Record<string, unknown>>;
      d.slaWorkingDays = -1;
      d.requiredDocuments[1].maxBytes = 50 * 1024 * 1024;
      fields.session.enum = 'PAGI';
      fields.birthDate = { type: 'string', format: 'tanggal' };
      d.workflow.actions.find((a) => a.code === 'REJECT')!.to = 'DITOLAK';
      return d;
    };

    it('refuses them with one message per path, in Indonesian and English, and creates nothing', async () => {
      const variables = { input: { code: 'BURUK', nameId: 'Layanan Buruk', nameEn: ' Bad service', definitionJson: JSON.stringify(broken()) } };
      const id = await call('admin', CREATE, variables);
      expect(id.errors?.[0]).toMatchObject({
        message: 'Definisi layanan belum benar; periksa bagian yang ditandai.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'SERVICE.DEFINITION_INVALID' },
      });
      expect(id.errors?.[0].extensions?.fields).toEqual({
        nameEn: 'Hapus spasi di awal atau akhir teks.',
        slaWorkingDays: 'Harus bilangan bulat dari 0 sampai 365.',
        'requiredDocuments.1.maxBytes': 'Harus bilangan bulat dari 1024 sampai 10485760.',
        'form.properties.session.enum': 'Menurut JSON Schema, bagian ini harus bertipe array.',
        'form.properties.birthDate.format': 'Format "tanggal" tidak dikenal.',
        'workflow.actions.REJECT.to': 'Tahap DITOLAK tidak ada dalam alur.',
      });
      const en = await call('admin', CREATE, variables, 'en');
      expect(en.errors?.[0].message).toBe('The service definition is not valid; check the marked parts.');
      expect(en.errors?.[0].extensions?.fields).toEqual({
        nameEn: 'Remove the spaces at the start or end.',
        slaWorkingDays: 'Must be a whole number from 0 to 365.',
        'requiredDocuments.1.maxBytes': 'Must be a whole number from 1024 to 10485760.',
        'form.properties.session.enum': 'JSON Schema expects a value of type array here.',
        'form.properties.birthDate.format': 'The format "tanggal" is not known.',
        'workflow.actions.REJECT.to': 'There is no state DITOLAK in the workflow.',
      });
      expect(await eventCount('service-disnakertrans-buruk')).toBe(0);
    });

    it('names the workflow’s graph problems: an unreachable state and a loop without a way out', async () => {
      const d = structuredClone(JOB_FAIR.definition);
      d.workflow.states.push(
        { code: 'ARCHIVED', nameId: 'Diarsipkan', nameEn: 'Archived', terminal: true, outcome: 'COMPLETED' },
        { code: 'ON_HOLD', nameId: 'Ditunda', nameEn: 'On hold' },
        { code: 'ESCALATED', nameId: 'Dieskalasi', nameEn: 'Escalated' },
      );
      d.workflow.actions.push(
        { code: 'HOLD', nameId: 'Tunda', nameEn: 'Hold', from: ['VERIFYING'], to: 'ON_HOLD', roles: ['OFFICER'] },
        { code: 'ESCALATE', nameId: 'Eskalasi', nameEn: 'Escalate', from: ['ON_HOLD'], to: 'ESCALATED', roles: ['AGENCY_ADMIN'] },
        { code: 'RETURN', nameId: 'Kembalikan', nameEn: 'Return', from: ['ESCALATED'], to: 'ON_HOLD', roles: ['AGENCY_ADMIN'] },
      );
      const res = await call('admin', CREATE, { input: { ...good('GRAF'), definitionJson: JSON.stringify(d) } }, 'en');
      expect(res.errors?.[0].extensions?.fields).toEqual({
        'workflow.states.6': 'The state ARCHIVED cannot be reached from the start state.',
        'workflow.states.7': 'The state ON_HOLD is a dead end: no terminal state can be reached from it.',
        'workflow.states.8': 'The state ESCALATED is a dead end: no terminal state can be reached from it.',
      });
    });

    it('points at the definition text itself when it is not JSON, and at the code when it names nothing', async () => {
      const notJson = await call('admin', CREATE, { input: { ...good('TEKS'), definitionJson: '{"schemaVersion": 1,' } });
      expect(notJson.errors?.[0].extensions?.fields).toEqual({ definitionJson: 'Definisi layanan harus berupa teks JSON yang sah.' });
      const badCode = await call('admin', CREATE, { input: good('pelatihan kerja') }, 'en');
      expect(Object.keys(badCode.errors?.[0].extensions?.fields as object)).toEqual(['code']);
    });

    it('refuses an invalid update and leaves the draft as it was', async () => {
      expect(outcome(await call('admin', CREATE, { input: good('KURSUS') }))).toBe('ok');
      const before = await eventCount('service-disnakertrans-kursus');
      const res = await call('admin', UPDATE, {
        id: 'disnakertrans-kursus',
        input: { nameId: 'Kursus', nameEn: 'Course', definitionJson: JSON.stringify(broken()) },
      });
      expect(outcome(res)).toBe('BAD_USER_INPUT/SERVICE.DEFINITION_INVALID');
      expect(await eventCount('service-disnakertrans-kursus')).toBe(before);
      const now = await call<{ managedService: Managed }>(
        'admin',
        'query($id: ID!) { managedService(id: $id) { revision draft { nameEn definitionJson } } }',
        { id: 'disnakertrans-kursus' },
      );
      expect(now.data!.managedService).toEqual({
        revision: 1,
        draft: { nameEn: 'Vocational course', definitionJson: JSON.stringify(JOB_FAIR.definition) },
      });
    });
  });

  describe('who may author', () => {
    it('refuses officers, citizens and admins of another agency; asks strangers to sign in', async () => {
      for (const who of ['officer', 'citizen']) expect(outcome(await call(who, CREATE, { input: good('LARANGAN') }))).toBe('FORBIDDEN/FORBIDDEN');
      expect(outcome(await call(null, CREATE, { input: good('LARANGAN') }))).toBe('UNAUTHENTICATED/UNAUTHENTICATED');
      // The token decides: naming another agency does not make a dinsos admin one of disnakertrans.
      const other = await call('otherAdmin', CREATE, { input: { ...good('LARANGAN'), agencyId: 'disnakertrans' } }, 'en');
      expect(other.errors?.[0]).toMatchObject({
        message: "Only admins of the service's own agency (or platform admins) may do this.",
        extensions: { code: 'FORBIDDEN', reason: 'SERVICE.AUTHORING_FORBIDDEN' },
      });
      expect(await eventCount('service-disnakertrans-larangan')).toBe(0);
    });

    it('lets nobody but the agency’s admins and platform admins change a service, and changes nothing when refused', async () => {
      const seeded = 'disnakertrans-job-fair';
      const before = await eventCount(`service-${seeded}`);
      const content = { nameId: 'Diubah', nameEn: 'Changed', definitionJson: JSON.stringify(JOB_FAIR.definition) };
      for (const who of ['otherAdmin', 'officer', 'citizen']) {
        expect(outcome(await call(who, UPDATE, { id: seeded, input: content }))).toMatch(/^FORBIDDEN\//);
        expect(outcome(await call(who, PUBLISH, { id: seeded }))).toMatch(/^FORBIDDEN\//);
        expect(outcome(await call(who, RETIRE, { id: seeded }))).toMatch(/^FORBIDDEN\//);
      }
      expect(await eventCount(`service-${seeded}`)).toBe(before);
      // Drafts are for the agency's staff: another agency's admin cannot read them either.
      expect(outcome(await call('otherAdmin', 'query { managedService(id: "disnakertrans-job-fair") { id } }'))).toBe(
        'FORBIDDEN/SERVICE.AUTHORING_FORBIDDEN',
      );
      expect(outcome(await call('otherAdmin', 'query { myAgencyServices(agencyId: "disnakertrans") { id } }'))).toBe(
        'FORBIDDEN/SERVICE.AUTHORING_FORBIDDEN',
      );
      expect(outcome(await call('citizen', 'query { myAgencyServices { id } }'))).toBe('FORBIDDEN/FORBIDDEN');
    });

    it('lets a platform admin author for any agency they name', async () => {
      const missing = await call('platform', CREATE, { input: good('BANSOS-LANSIA') }, 'en');
      expect(missing.errors?.[0]).toMatchObject({
        message: 'Name the agency the service belongs to.',
        extensions: { code: 'BAD_USER_INPUT', fields: { agencyId: 'This is required.' } },
      });
      expect(outcome(await call('platform', CREATE, { input: { ...good('BANSOS-LANSIA'), agencyId: 'no-such-agency' } }))).toBe(
        'NOT_FOUND/AGENCY.NOT_FOUND',
      );
      const created = await call('platform', CREATE, { input: { ...good('BANSOS-LANSIA'), agencyId: 'dinsos' } });
      expect(created.data!.createServiceDraft).toMatchObject({ id: 'dinsos-bansos-lansia', agency: { id: 'dinsos' }, status: 'DRAFT' });
      expect(outcome(await call('platform', PUBLISH, { id: 'dinsos-bansos-lansia' }))).toBe('ok');
      // …and the agency's own admin takes it from there.
      expect(outcome(await call('otherAdmin', RETIRE, { id: 'dinsos-bansos-lansia' }))).toBe('ok');
      const all = (await call<{ myAgencyServices: Managed[] }>('platform', '{ myAgencyServices { id } }')).data!.myAgencyServices;
      expect(all.map((s) => s.id)).toEqual(expect.arrayContaining(['disnakertrans-ak1', 'dinsos-dtks', 'bapenda-pbb-certificate']));
    });

    it('answers NOT_FOUND for a service that does not exist', async () => {
      const res = await call('admin', PUBLISH, { id: 'disnakertrans-tidak-ada' }, 'en');
      expect(res.errors?.[0]).toMatchObject({
        message: 'Service disnakertrans-tidak-ada was not found.',
        extensions: { code: 'NOT_FOUND', reason: 'SERVICE.NOT_FOUND' },
      });
      expect(outcome(await call('admin', RETIRE, { id: 'Not a service id!' }))).toBe('NOT_FOUND/SERVICE.NOT_FOUND');
    });
  });

  describe('two writers at once', () => {
    it('publishes a draft once when admins publish it at the same moment: one wins, the others get CONFLICT', async () => {
      expect(outcome(await call('admin', CREATE, { input: good('SERENTAK') }))).toBe('ok');
      // Each admin publishes the draft as they saw it (revision 1).
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => call(i % 2 ? 'admin' : 'platform', PUBLISH, { id: 'disnakertrans-serentak', rev: 1 })),
      );
      expect(answers.map(outcome).sort()).toEqual([
        'CONFLICT/SERVICE.CHANGED',
        'CONFLICT/SERVICE.CHANGED',
        'CONFLICT/SERVICE.CHANGED',
        'CONFLICT/SERVICE.CHANGED',
        'CONFLICT/SERVICE.CHANGED',
        'ok',
      ]);
      const published = await pg.query(
        `select data->>'version' as v from eventstore.events where stream_id = 'service-disnakertrans-serentak' and type = 'ServicePublished'`,
      );
      expect(published.rows).toEqual([{ v: '1' }]);
    });

    it('refuses a save based on a revision someone else has moved past', async () => {
      const content = { nameId: 'Pelatihan Kerja', nameEn: 'Vocational course', definitionJson: JSON.stringify(JOB_FAIR.definition) };
      const mine = await call('admin', UPDATE, { id: 'disnakertrans-kursus', input: content, rev: 1 });
      expect(mine.data!.updateServiceDraft.revision).toBe(2);
      const stale = await call('platform', UPDATE, { id: 'disnakertrans-kursus', input: { ...content, nameEn: 'Course' }, rev: 1 }, 'en');
      expect(stale.errors?.[0]).toMatchObject({
        message: 'The service disnakertrans-kursus was just changed by someone else; reload and try again.',
        extensions: { code: 'CONFLICT', reason: 'SERVICE.CHANGED' },
      });
    });
  });
});
