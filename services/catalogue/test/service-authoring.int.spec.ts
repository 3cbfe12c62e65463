import { parseDefinition, type ServiceDefinitionDocument } from '@serang/service-definition';
import { Pool } from 'pg';
import { JOB_FAIR } from '@serang/service-definition/src/seeds/disnakertrans.seed';
import { CREATE, eventually, outcome, PUBLISH, RETIRE, UPDATE, startCatalogue, type Managed } from './authoring.helpers';
import { testPort } from '@serang/testing';

const PORT = testPort(4904);
const ID = 'disnakertrans-pelatihan-las';

/** A welding course registration, built from the seeded job fair's definition. */
function weldingCourse(changes: Partial<ServiceDefinitionDocument> = {}): ServiceDefinitionDocument {
  return {
    ...structuredClone(JOB_FAIR.definition),
    descriptionId: 'Pendaftaran pelatihan kerja pengelasan di BLK Kabupaten Serang.',
    descriptionEn: 'Registration for the welding course at the Serang Regency vocational training centre.',
    slaWorkingDays: 3,
    ...changes,
  };
}
const input = (definition: unknown, names = { nameId: 'Pelatihan Kerja Las', nameEn: 'Welding course' }) => ({
  ...names,
  definitionJson: JSON.stringify(definition),
});

describe('catalogue authoring: draft → publish → next version → retire (its own process, real PostgreSQL)', () => {
  let catalogue: Awaited<ReturnType<typeof startCatalogue>>;
  let pg: Pool;
  const call: Awaited<ReturnType<typeof startCatalogue>>['call'] = (...args) => catalogue.call(...args);
  const eventTypes = async (serviceId: string) =>
    (
      await pg.query<{ type: string }>('select type from eventstore.events where stream_id = $1 order by revision', [`service-${serviceId}`])
    ).rows.map((r) => r.type);
  const publicService = (id: string, lang = 'id') =>
    call<{
      service: {
        version: number;
        name: string;
        description: string;
        slaWorkingDays: number;
        acceptsApplications: boolean;
        retiredAt: string | null;
        fee: { amount: number; free: boolean };
      };
    }>(
      null,
      'query($id: ID!) { service(id: $id) { version name description slaWorkingDays acceptsApplications retiredAt fee { amount free } } }',
      { id },
      lang,
    );

  beforeAll(async () => {
    catalogue = await startCatalogue('catalogue_authoring', PORT);
    pg = catalogue.pg;
  });
  afterAll(() => catalogue?.stop());

  it('creates a draft that only its agency sees, named by agency and code', async () => {
    const res = await call('admin', CREATE, { input: { code: 'PELATIHAN-LAS', ...input(weldingCourse()) } });
    expect(res.errors).toBeUndefined();
    const created = res.data!.createServiceDraft;
    expect(created).toMatchObject({
      id: ID,
      code: 'PELATIHAN-LAS',
      status: 'DRAFT',
      revision: 1,
      name: 'Pelatihan Kerja Las',
      agency: { id: 'disnakertrans' },
      published: null,
    });
    expect(created.draft).toMatchObject({ version: 1, nameEn: 'Welding course' });
    expect(parseDefinition(created.draft!.definitionJson)).toEqual(weldingCourse());

    const listed = await eventually(
      async () =>
        (await call<{ myAgencyServices: Managed[] }>('officer', '{ myAgencyServices { id status draft { version } } }')).data!.myAgencyServices,
      (list) => list.some((s) => s.id === ID),
    );
    expect(listed.find((s) => s.id === ID)).toEqual({ id: ID, status: 'DRAFT', draft: { version: 1 } });
    const dinsos = (await call<{ myAgencyServices: Managed[] }>('otherAdmin', '{ myAgencyServices { id } }')).data!.myAgencyServices;
    expect(dinsos.map((s) => s.id)).toEqual(['dinsos-dtks']);
    // Not public until published.
    expect(outcome(await publicService(ID))).toBe('NOT_FOUND/SERVICE.NOT_FOUND');
    const everyone = (await call<{ services: Array<{ id: string }> }>(null, '{ services { id } }')).data!.services;
    expect(everyone.map((s) => s.id)).not.toContain(ID);
  });

  it('saves the draft again as the same version', async () => {
    const res = await call('admin', UPDATE, {
      id: ID,
      rev: 1,
      input: input(weldingCourse(), { nameId: 'Pelatihan Kerja Pengelasan', nameEn: 'Welding course' }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateServiceDraft).toMatchObject({
      status: 'DRAFT',
      revision: 2,
      name: 'Pelatihan Kerja Pengelasan',
      draft: { version: 1 },
      published: null,
    });
  });

  it('publishes version 1 for everyone, with its definition in the caller’s language', async () => {
    const res = await call('admin', PUBLISH, { id: ID, rev: 2 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.publishService).toMatchObject({
      status: 'PUBLISHED',
      revision: 3,
      draft: null,
      published: { id: ID, version: 1, name: 'Pelatihan Kerja Pengelasan', acceptsApplications: true, retiredAt: null },
    });
    const en = await eventually(
      () => publicService(ID, 'en'),
      (r) => r.data?.service !== undefined,
    );
    expect(en.data!.service).toMatchObject({
      version: 1,
      name: 'Welding course',
      description: 'Registration for the welding course at the Serang Regency vocational training centre.',
      slaWorkingDays: 3,
      fee: { amount: 0, free: true },
    });
  });

  it('starts draft version 2 on an edit, while version 1 stays in force', async () => {
    const v2 = weldingCourse({ slaWorkingDays: 5, fee: { amount: 150_000, currency: 'IDR' } });
    const res = await call('admin', UPDATE, {
      id: ID,
      input: input(v2, { nameId: 'Pelatihan Kerja Pengelasan SMAW', nameEn: 'SMAW welding course' }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateServiceDraft).toMatchObject({
      status: 'PUBLISHED',
      revision: 4,
      name: 'Pelatihan Kerja Pengelasan SMAW',
      draft: { version: 2 },
      published: { version: 1, slaWorkingDays: 3 },
    });
    // Once the read model has the draft, everyone still gets version 1.
    await eventually(
      async () =>
        (await call<{ myAgencyServices: Managed[] }>('admin', '{ myAgencyServices { id revision } }')).data!.myAgencyServices.find((s) => s.id === ID)
          ?.revision,
      (revision) => revision === 4,
    );
    expect((await publicService(ID)).data!.service).toMatchObject({
      version: 1,
      name: 'Pelatihan Kerja Pengelasan',
      slaWorkingDays: 3,
      acceptsApplications: true,
    });
    // A publish that names the revision from before this edit is refused: its author has not seen draft 2.
    expect(outcome(await call('admin', PUBLISH, { id: ID, rev: 3 }))).toBe('CONFLICT/SERVICE.CHANGED');
  });

  it('publishes version 2; version 1 keeps resolving by id and version for the applications that use it', async () => {
    const res = await call('admin', PUBLISH, { id: ID });
    expect(res.data!.publishService).toMatchObject({
      status: 'PUBLISHED',
      revision: 5,
      draft: null,
      published: { version: 2, fee: { amount: 150_000, free: false } },
    });
    const latest = await eventually(
      () => publicService(ID),
      (r) => r.data?.service.version === 2,
    );
    expect(latest.data!.service).toMatchObject({ version: 2, name: 'Pelatihan Kerja Pengelasan SMAW', slaWorkingDays: 5, acceptsApplications: true });
    const found = await call<{ services: Array<{ id: string; version: number }> }>(null, '{ services(filter: { search: "smaw" }) { id version } }');
    expect(found.data!.services).toEqual([{ id: ID, version: 2 }]);
    const v1 = await entity(1);
    expect(v1).toEqual({ version: 1, name: 'Pelatihan Kerja Pengelasan', acceptsApplications: false, retiredAt: null });
    // A published version is immutable; publishing again has nothing to publish.
    expect(outcome(await call('admin', PUBLISH, { id: ID }, 'en'))).toBe('CONFLICT/SERVICE.NO_DRAFT');
  });

  it('retires the service: no longer listed, still resolvable, and closed to changes', async () => {
    const res = await call('admin', RETIRE, { id: ID, rev: 5 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.retireService).toMatchObject({
      status: 'RETIRED',
      revision: 6,
      draft: null,
      published: { version: 2, acceptsApplications: false },
    });
    expect(res.data!.retireService.retiredAt).not.toBeNull();
    const listed = await eventually(
      async () => (await call<{ services: Array<{ id: string }> }>(null, '{ services { id } }')).data!.services.map((s) => s.id),
      (ids) => !ids.includes(ID),
    );
    expect(listed).not.toContain(ID);
    const all = (
      await call<{ services: Array<{ id: string; retiredAt: string | null }> }>(
        null,
        '{ services(filter: { includeRetired: true, agencyId: "disnakertrans" }) { id retiredAt } }',
      )
    ).data!.services;
    expect(all.find((s) => s.id === ID)?.retiredAt).not.toBeNull();
    expect((await publicService(ID)).data!.service).toMatchObject({ version: 2, acceptsApplications: false });
    expect((await entity(1))?.version).toBe(1);
    expect((await entity(2))?.retiredAt).not.toBeNull();

    const retiredUpdate = await call('admin', UPDATE, { id: ID, input: input(weldingCourse()) }, 'en');
    expect(retiredUpdate.errors?.[0]).toMatchObject({
      message: 'The service disnakertrans-pelatihan-las is retired and can no longer be changed.',
      extensions: { code: 'CONFLICT', reason: 'SERVICE.RETIRED' },
    });
    expect(outcome(await call('admin', PUBLISH, { id: ID }))).toBe('CONFLICT/SERVICE.RETIRED');
    expect(outcome(await call('admin', RETIRE, { id: ID }))).toBe('CONFLICT/SERVICE.RETIRED');
    expect(await eventTypes(ID)).toEqual([
      'ServiceDraftCreated',
      'ServiceDraftUpdated',
      'ServicePublished',
      'ServiceDraftUpdated',
      'ServicePublished',
      'ServiceRetired',
    ]);
    const published = await pg.query<{ data: { version: number; definitionJson: string } }>(
      `select data from eventstore.events where stream_id = $1 and type = 'ServicePublished' order by revision`,
      [`service-${ID}`],
    );
    expect(published.rows.map((r) => [r.data.version, parseDefinition(r.data.definitionJson).slaWorkingDays])).toEqual([
      [1, 3],
      [2, 5],
    ]);
  });

  it('refuses to create a service whose code its agency already uses', async () => {
    const res = await call('admin', CREATE, { input: { code: 'PELATIHAN-LAS', ...input(weldingCourse()) } }, 'en');
    expect(res.errors?.[0]).toMatchObject({
      message: 'The service disnakertrans-pelatihan-las already exists; choose another code or edit that service.',
      extensions: { code: 'CONFLICT', reason: 'SERVICE.ALREADY_EXISTS' },
    });
  });

  /** Asks catalogue for a version the way the gateway does for another subgraph's reference. */
  async function entity(version: number) {
    const res = await call<{ _entities: Array<{ version: number; name: string; acceptsApplications: boolean; retiredAt: string | null } | null> }>(
      null,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { version name acceptsApplications retiredAt } } }',
      { r: [{ __typename: 'Service', id: ID, version }] },
    );
    return res.data!._entities[0];
  }
});
