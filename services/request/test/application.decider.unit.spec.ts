import { decodeEvent, encodeEvent } from '@serang/contracts';
import { AK1 } from '@serang/service-definition/src/seeds/disnakertrans.seed';
import { ApplicationAggregate, decide, evolve, initialState, type SubmitApplication } from '../src/domain/application.decider';
import type { ApplicationSubmitted } from '../src/domain/application.events';
import { ApplicationAlreadySubmitted } from '../src/domain/request.errors';
import type { TrackingNumber } from '../src/domain/tracking-number';
import { workingDayCalendar } from '../src/domain/working-days';
import { Upcasters, type RecordedEvent } from '@serang/eventstore';
import { deciderSpec } from '@serang/testing';
import { applicationUpcasters } from '../src/domain/application.upcasters';

const spec = deciderSpec(ApplicationAggregate);
const upcasters = new Upcasters(applicationUpcasters);
const recorded = (data: unknown, schemaVersion = 1): RecordedEvent => ({
  position: 1n,
  streamId: 'application-0193f0c4-0000-7000-8000-000000000001',
  revision: 0n,
  id: '0193f0c4-0000-7000-8000-0000000000e1',
  type: 'ApplicationSubmitted',
  data,
  metadata: { tenant: '3604', occurredAt: '2026-12-23T07:00:00.000Z', schemaVersion },
  recordedAt: new Date('2026-12-23T07:00:00.000Z'),
});

const submit = (over: Partial<SubmitApplication['data']> = {}, now = new Date('2026-12-23T07:00:00Z')): SubmitApplication => ({
  type: 'SubmitApplication',
  data: {
    applicationId: '0193f0c4-0000-7000-8000-000000000001',
    trackingNumber: 'SRG-26-7K3F9Q-X' as TrackingNumber,
    service: { serviceId: 'disnakertrans-ak1', version: 2, agencyId: 'disnakertrans', slaWorkingDays: 3, workflow: AK1.definition.workflow },
    formCiphertext: 'vault:v1:abc',
    documents: [{ requirement: 'KTP', documentId: 'doc-1' }],
    calendar: workingDayCalendar(['2026-12-24', '2026-12-25']),
    ...over,
  },
  metadata: { now, actor: { id: 'citizen-1', role: 'CITIZEN' } },
});

const submitted: ApplicationSubmitted = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: '0193f0c4-0000-7000-8000-000000000001',
    trackingNumber: 'SRG-26-7K3F9Q-X',
    serviceId: 'disnakertrans-ak1',
    serviceVersion: 2,
    agencyId: 'disnakertrans',
    applicantId: 'citizen-1',
    formCiphertext: 'vault:v1:abc',
    documentIds: ['doc-1'],
    submittedAt: '2026-12-23T07:00:00.000Z',
    // Wed 23 Dec 14:00 WIB + 3 working days, skipping 24–25 Dec and the weekend → Wed 30 Dec, 23:59:59.999 WIB.
    dueAt: '2026-12-30T16:59:59.999Z',
    documents: [{ requirement: 'KTP', documentId: 'doc-1' }],
    // Working time: Wed 10 h + Mon–Wed 72 h = 82 h; 80 % = 65.6 h → Wed 30 Dec 07:36 WIB.
    warnAt: '2026-12-30T00:36:00.000Z',
    status: 'SUBMITTED',
  },
};

describe('application decider', () => {
  describe('SubmitApplication', () => {
    it('given no application, submits it for the applicant with the due date from the SLA and the calendar', () => {
      spec([]).when(submit()).then([submitted]);
    });

    it('takes the applicant from the actor, never from the data', () => {
      const [event] = decide(
        { ...submit(), metadata: { now: new Date('2026-12-23T07:00:00Z'), actor: { id: 'citizen-2', role: 'CITIZEN' } } },
        initialState,
      );
      expect(event.type === 'ApplicationSubmitted' && event.data.applicantId).toBe('citizen-2');
    });

    it('given an application already submitted, refuses to submit it again', () => {
      spec([submitted]).when(submit()).thenThrows(ApplicationAlreadySubmitted);
    });

    it('decides events that match their protobuf contract field for field (Kafka mode relays them)', () => {
      const [event] = decide(submit(), initialState);
      expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
    });
  });

  describe('evolve', () => {
    it('starts the timeline with the citizen’s submission and counts the version', () => {
      const state = evolve(initialState, submitted);
      expect(state).toMatchObject({
        status: 'SUBMITTED',
        version: 1,
        trackingNumber: 'SRG-26-7K3F9Q-X',
        serviceId: 'disnakertrans-ak1',
        serviceVersion: 2,
        applicantId: 'citizen-1',
        dueAt: new Date('2026-12-30T16:59:59.999Z'),
        timeline: [{ status: 'SUBMITTED', at: new Date('2026-12-23T07:00:00.000Z'), actorRole: 'CITIZEN', action: 'SUBMIT', note: null, version: 1 }],
      });
    });

    it('reads an ApplicationSubmitted written before workflows (no status, documents or warning) as submitted', () => {
      const { status: _s, documents: _d, warnAt: _w, ...old } = submitted.data;
      // Through request's registered upcaster, as every read of the store does.
      const read = upcasters.apply(recorded(old));
      expect(read.metadata.schemaVersion).toBe(2);
      expect(evolve(initialState, read as unknown as ApplicationSubmitted)).toMatchObject({
        status: 'SUBMITTED',
        warnAt: null,
        documents: [{ requirement: '', documentId: 'doc-1' }],
      });
    });

    it('leaves an ApplicationSubmitted of the current schema as it was written', () => {
      const current = recorded(submitted.data, 2);
      expect(upcasters.apply(current)).toBe(current);
    });

    it('gives the same state on every replay', () => {
      expect([submitted].reduce(evolve, initialState)).toEqual([submitted].reduce(evolve, initialState));
    });
  });
});
