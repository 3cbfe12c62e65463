import { decodeEvent, encodeEvent } from '@serang/contracts';
import { deciderSpec } from '@serang/testing';
import { Service, type Author, type ServiceCommand } from '../src/domain/service.aggregate';
import type { ServiceEvent } from '../src/domain/catalogue.events';
import {
  AuthoringForbidden,
  DefinitionInvalid,
  NoDraftToPublish,
  ServiceAlreadyExists,
  ServiceIsRetired,
  ServiceNotPublished,
} from '../src/domain/service.errors';
import { JOB_FAIR } from '@serang/service-definition/src/seeds/disnakertrans.seed';

const admin: Author = { id: 'a-1', role: 'AGENCY_ADMIN', agency: 'disnakertrans' };
const otherAdmin: Author = { id: 'a-2', role: 'AGENCY_ADMIN', agency: 'dinsos' };
const platform: Author = { id: 'p-1', role: 'PLATFORM_ADMIN' };
const json = JSON.stringify(JOB_FAIR.definition);
const S = 'disnakertrans-kursus';
const now = new Date('2026-03-02T02:00:00.000Z');

const created: ServiceEvent = {
  type: 'ServiceDraftCreated',
  data: { serviceId: S, agencyId: 'disnakertrans', code: 'KURSUS', version: 1, nameId: 'Kursus', nameEn: 'Course', definitionJson: json },
};
const published = (version: number): ServiceEvent => ({
  type: 'ServicePublished',
  data: { serviceId: S, agencyId: 'disnakertrans', code: 'KURSUS', version, nameId: 'Kursus', nameEn: 'Course', definitionJson: json },
});
const updated = (version: number, nameEn = 'Course'): ServiceEvent => ({
  type: 'ServiceDraftUpdated',
  data: { serviceId: S, agencyId: 'disnakertrans', version, nameId: 'Kursus', nameEn, definitionJson: json },
});
const retired: ServiceEvent = { type: 'ServiceRetired', data: { serviceId: S, agencyId: 'disnakertrans', version: 1 } };

const create = (actor: Author = admin, definitionJson = json): ServiceCommand => ({
  type: 'CreateServiceDraft',
  data: { serviceId: S, agencyId: 'disnakertrans', code: 'KURSUS', nameId: 'Kursus', nameEn: 'Course', definitionJson },
  metadata: { now, actor },
});
const update = (nameEn: string, actor: Author = admin): ServiceCommand => ({
  type: 'UpdateServiceDraft',
  data: { serviceId: S, nameId: 'Kursus', nameEn, definitionJson: json },
  metadata: { now, actor },
});
const publish = (actor: Author = admin): ServiceCommand => ({ type: 'PublishService', data: { serviceId: S }, metadata: { now, actor } });
const retire = (actor: Author = admin): ServiceCommand => ({ type: 'RetireService', data: { serviceId: S }, metadata: { now, actor } });

/** given(history).when(command).then(events) / .thenThrows(error class); the i-th event a minute after 2026-03-02 09:00 WIB. */
const spec = deciderSpec(Service, (i) => new Date(Date.UTC(2026, 2, 2, 2, i)).toISOString());
const given = (...history: ServiceEvent[]) => spec(history);

describe('service decider', () => {
  it('creates draft version 1, keeping the document as compact JSON', () => {
    given()
      .when(create(admin, JSON.stringify(JOB_FAIR.definition, null, 2)))
      .then([created]);
    given().when(create(platform)).then([created]);
  });

  it('refuses authors of other agencies, and a second service with the same id', () => {
    given().when(create(otherAdmin)).thenThrows(AuthoringForbidden);
    given(created).when(create()).thenThrows(ServiceAlreadyExists);
    given(created).when(publish(otherAdmin)).thenThrows(AuthoringForbidden);
  });

  it('refuses an invalid definition with every problem', () => {
    const bad = JSON.stringify({ ...JOB_FAIR.definition, slaWorkingDays: -1, fee: { amount: 1, currency: 'USD' } });
    expect(() => Service.decide(create(admin, bad), Service.initialState)).toThrow(DefinitionInvalid);
    try {
      Service.decide(create(admin, bad), Service.initialState);
    } catch (e) {
      expect((e as DefinitionInvalid).problems.map((p) => p.path)).toEqual(['slaWorkingDays', 'fee.currency']);
    }
  });

  it('saves a draft as the same version, and starts version n+1 after a publication', () => {
    given(created)
      .when(update('Course 2'))
      .then([updated(1, 'Course 2')]);
    given(created, published(1))
      .when(update('Course 2'))
      .then([updated(2, 'Course 2')]);
    given(created, published(1), updated(2))
      .when(update('Course 3'))
      .then([updated(2, 'Course 3')]);
  });

  it('publishes the draft, and only a draft', () => {
    given(created)
      .when(publish())
      .then([published(1)]);
    given(created, published(1), updated(2))
      .when(publish())
      .then([published(2)]);
    given(created, published(1)).when(publish()).thenThrows(NoDraftToPublish);
  });

  it('keeps version n in force while draft n+1 is edited', () => {
    const { state } = given(created, published(1), updated(2, 'Course 2'));
    expect(state).toMatchObject({
      status: 'PUBLISHED',
      revision: 3,
      published: { version: 1, nameEn: 'Course' },
      draft: { version: 2, nameEn: 'Course 2' },
    });
  });

  it('retires a published service, dropping its pending draft; a retired service takes nothing more', () => {
    given(created, published(1), updated(2)).when(retire()).then([retired]);
    expect(given(created, published(1), updated(2), retired).state).toMatchObject({
      status: 'RETIRED',
      draft: null,
      published: { version: 1 },
      retiredAt: '2026-03-02T02:03:00.000Z',
    });
    given(created).when(retire()).thenThrows(ServiceNotPublished);
    for (const command of [update('x'), publish(), retire()]) given(created, published(1), retired).when(command).thenThrows(ServiceIsRetired);
  });

  it('emits events that fit their protobuf contracts (what the relay sends over Kafka)', () => {
    for (const e of [created, updated(2), published(2), retired]) {
      const { bytes } = encodeEvent(e.type, e.data);
      expect(decodeEvent(e.type, bytes)).toEqual(e.data);
    }
  });
});
