import { deciderSpec } from '@serang/testing';
import {
  ComplaintAggregate,
  complaintActions,
  COMPLAINT_ACTIONS,
  REOPEN_WINDOW_DAYS,
  type ComplaintAction,
  type ComplaintActor,
  type ComplaintCommand,
  type FileComplaint,
} from '../src/complaints/domain/complaint.aggregate';
import type { ComplaintEvent, ComplaintFiled } from '../src/complaints/domain/complaint.events';
import {
  AnonymousCannotReferenceApplication,
  ComplaintActionForbidden,
  ComplaintInputInvalid,
  ComplaintNotFound,
  ComplaintVersionConflict,
  ReopenNotAllowed,
} from '../src/complaints/domain/complaint.errors';
import { slaWarnAt, workingDayCalendar } from '../src/domain/working-days';

const calendar = workingDayCalendar([]);
const ID = '0190a000-0000-7000-8000-000000000001';
const OWNER = 'digest-of-the-complainant';
/** Monday 2 March 2026, 09:00 WIB. */
const filedAt = new Date('2026-03-02T02:00:00.000Z');
const later = (minutes: number) => new Date(filedAt.getTime() + minutes * 60_000);

const complainant: ComplaintActor = { id: 'pseudonym-7K3Q', role: 'CITIZEN' };
const stranger: ComplaintActor = { id: 'citizen-2', role: 'CITIZEN' };
const platform: ComplaintActor = { id: 'platform-1', role: 'PLATFORM_ADMIN' };
const holder: ComplaintActor = { id: 'officer-a', role: 'OFFICER', agency: 'dpupr' };
const colleague: ComplaintActor = { id: 'officer-b', role: 'OFFICER', agency: 'dpupr' };
const agencyAdmin: ComplaintActor = { id: 'admin-dpupr', role: 'AGENCY_ADMIN', agency: 'dpupr' };
const otherAgency: ComplaintActor = { id: 'officer-x', role: 'OFFICER', agency: 'dinsos' };
const system: ComplaintActor = { id: 'system-dpupr', role: 'AGENCY_SYSTEM', agency: 'dpupr' };
const CALLERS = { complainant, stranger, platform, holder, colleague, agencyAdmin, otherAgency, system } as const;
type CallerName = keyof typeof CALLERS;
/** The complainant proves themself by the digest the application layer makes of them; nobody else has it. */
const digestOf = (name: CallerName) => (name === 'complainant' ? OWNER : name === 'stranger' ? 'digest-of-someone-else' : undefined);

// Monday 2 March + 5 working days = Monday 9 March, closing at 23:59:59.999 WIB (16:59:59.999Z).
const DUE = '2026-03-09T16:59:59.999Z';
const filed = (over: Partial<ComplaintFiled['data']> = {}): ComplaintEvent => ({
  type: 'ComplaintFiled',
  data: {
    complaintId: ID,
    pseudonym: 'pseudonym-7K3Q',
    categoryCode: 'INFRASTRUKTUR',
    slaWorkingDays: 5,
    agencyId: 'dpupr',
    anonymous: true,
    confidential: true,
    complainantId: '',
    complainantCiphertext: 'vault:v1:who',
    ownerDigest: OWNER,
    textCiphertext: 'vault:v1:text',
    locationCiphertext: '',
    attachmentIds: [],
    applicationId: '',
    filedAt: filedAt.toISOString(),
    dueAt: DUE,
    // 80 % of the working time, as applications reckon it (working-days.ts, tested there).
    warnAt: slaWarnAt(filedAt, new Date(DUE), calendar).toISOString(),
    ...over,
  },
});
const at = (v: number) => later(v).toISOString();
const verified: ComplaintEvent = {
  type: 'ComplaintVerified',
  data: { complaintId: ID, agencyId: 'dpupr', actorId: platform.id, actorRole: 'PLATFORM_ADMIN', version: 2, at: at(2) },
};
const forwarded: ComplaintEvent = {
  type: 'ComplaintForwarded',
  data: {
    complaintId: ID,
    fromAgencyId: '',
    toAgencyId: 'dpupr',
    actorId: platform.id,
    actorRole: 'PLATFORM_ADMIN',
    reason: '',
    version: 3,
    at: at(3),
  },
};
const takenUp: ComplaintEvent = {
  type: 'ComplaintTakenUp',
  data: { complaintId: ID, agencyId: 'dpupr', officerId: holder.id, officerRole: 'OFFICER', version: 4, at: at(4) },
};
const answered = (version = 5, minute = 5): ComplaintEvent => ({
  type: 'ComplaintAnswered',
  data: {
    complaintId: ID,
    agencyId: 'dpupr',
    actorId: holder.id,
    actorRole: 'OFFICER',
    answerCiphertext: 'vault:v1:answer',
    version,
    at: at(minute),
  },
});
const reopened: ComplaintEvent = {
  type: 'ComplaintReopened',
  data: { complaintId: ID, agencyId: 'dpupr', reasonCiphertext: '', version: 6, at: at(6), dueAt: DUE, warnAt: at(7) },
};
const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { complaintId: ID, agencyId: 'dpupr', actorRole: 'CITIZEN', version: 6, at: at(6) } };

/** Given events are stamped as their own `at`; evolve does not read the context. */
const spec = deciderSpec(ComplaintAggregate);

const file = (over: Partial<FileComplaint['data']> = {}, actor: ComplaintActor = complainant): ComplaintCommand => ({
  type: 'FileComplaint',
  data: {
    complaintId: ID,
    pseudonym: 'pseudonym-7K3Q',
    category: { code: 'INFRASTRUKTUR', slaWorkingDays: 5 },
    agencyId: 'dpupr',
    anonymous: true,
    confidential: true,
    complainantId: 'citizen-1',
    complainantCiphertext: 'vault:v1:who',
    ownerDigest: OWNER,
    textCiphertext: 'vault:v1:text',
    locationCiphertext: null,
    attachmentIds: [],
    application: null,
    calendar,
    ...over,
  },
  metadata: { now: filedAt, actor },
});

/** The command for an action, by a caller, on the version they saw, at a given time. */
function command(action: ComplaintAction, name: CallerName, version: number, now: Date): ComplaintCommand {
  const metadata = { now, actor: CALLERS[name] };
  const expectedVersion = version;
  const ownerDigest = digestOf(name);
  switch (action) {
    case 'VERIFY':
      return { type: 'VerifyComplaint', data: { expectedVersion, ownerDigest, agencyId: null }, metadata };
    case 'FORWARD':
      return { type: 'ForwardComplaint', data: { expectedVersion, ownerDigest, toAgencyId: 'dinsos', reason: '' }, metadata };
    case 'TAKE_UP':
      return { type: 'TakeUpComplaint', data: { expectedVersion, ownerDigest }, metadata };
    case 'ANSWER':
      return { type: 'AnswerComplaint', data: { expectedVersion, ownerDigest, answerCiphertext: 'vault:v1:answer' }, metadata };
    case 'REOPEN':
      return { type: 'ReopenComplaint', data: { expectedVersion, ownerDigest, reasonCiphertext: '', calendar }, metadata };
    case 'CLOSE':
      return { type: 'CloseComplaint', data: { expectedVersion, ownerDigest }, metadata };
  }
}

/**
 * Outcomes: ok (an event), NF not found (may not even see it), NA not available in this status,
 * FB forbidden to this caller, HB held by another officer, RO reopen refused. Every forward in the
 * matrix names dinsos as the target (a VERIFIED complaint may go to another agency than triage chose).
 */
type Outcome = 'ok' | 'NF' | 'NA' | 'FB' | 'HB' | 'RO';
const REASONS: Record<Exclude<Outcome, 'ok'>, string> = {
  NF: 'COMPLAINT.NOT_FOUND',
  NA: 'COMPLAINT.ACTION_NOT_AVAILABLE',
  FB: 'COMPLAINT.ACTION_FORBIDDEN',
  HB: 'COMPLAINT.HELD_BY_ANOTHER',
  RO: 'COMPLAINT.REOPEN_NOT_ALLOWED',
};
//                                complainant stranger platform holder colleague agencyAdmin otherAgency system
type Row = [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
const BEFORE_AGENCY = (c: Outcome, p: Outcome): Row => [c, 'NF', p, 'NF', 'NF', 'NF', 'NF', 'NF'];
const AT_AGENCY = (c: Outcome, p: Outcome, h: Outcome, co: Outcome, a: Outcome): Row => [c, 'NF', p, h, co, a, 'NF', 'NF'];

const STATES: Record<string, { history: ComplaintEvent[]; now: Date; expect: Record<ComplaintAction, Row> }> = {
  RECEIVED: {
    history: [filed()],
    now: later(10),
    expect: {
      VERIFY: BEFORE_AGENCY('FB', 'ok'),
      FORWARD: BEFORE_AGENCY('NA', 'NA'),
      TAKE_UP: BEFORE_AGENCY('NA', 'NA'),
      ANSWER: BEFORE_AGENCY('NA', 'NA'),
      REOPEN: BEFORE_AGENCY('NA', 'NA'),
      CLOSE: BEFORE_AGENCY('NA', 'NA'),
    },
  },
  VERIFIED: {
    history: [filed(), verified],
    now: later(10),
    expect: {
      VERIFY: BEFORE_AGENCY('NA', 'NA'),
      FORWARD: BEFORE_AGENCY('FB', 'ok'),
      TAKE_UP: BEFORE_AGENCY('NA', 'NA'),
      ANSWER: BEFORE_AGENCY('NA', 'NA'),
      REOPEN: BEFORE_AGENCY('NA', 'NA'),
      CLOSE: BEFORE_AGENCY('NA', 'NA'),
    },
  },
  FORWARDED: {
    history: [filed(), verified, forwarded],
    now: later(10),
    expect: {
      VERIFY: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      FORWARD: AT_AGENCY('FB', 'ok', 'ok', 'ok', 'ok'),
      TAKE_UP: AT_AGENCY('FB', 'FB', 'ok', 'ok', 'ok'),
      ANSWER: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      REOPEN: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      CLOSE: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
    },
  },
  IN_PROGRESS: {
    history: [filed(), verified, forwarded, takenUp],
    now: later(10),
    expect: {
      VERIFY: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      FORWARD: AT_AGENCY('FB', 'ok', 'ok', 'ok', 'ok'),
      TAKE_UP: AT_AGENCY('FB', 'FB', 'NA', 'HB', 'ok'),
      ANSWER: AT_AGENCY('FB', 'FB', 'ok', 'HB', 'ok'),
      REOPEN: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      CLOSE: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
    },
  },
  ANSWERED: {
    history: [filed(), verified, forwarded, takenUp, answered()],
    now: later(10),
    expect: {
      VERIFY: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      FORWARD: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      TAKE_UP: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      ANSWER: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      REOPEN: AT_AGENCY('ok', 'FB', 'FB', 'FB', 'FB'),
      CLOSE: AT_AGENCY('ok', 'ok', 'FB', 'FB', 'FB'),
    },
  },
  'ANSWERED again (reopened once)': {
    history: [filed(), verified, forwarded, takenUp, answered(), reopened, answered(7, 8)],
    now: later(10),
    expect: {
      VERIFY: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      FORWARD: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      TAKE_UP: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      ANSWER: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      REOPEN: AT_AGENCY('RO', 'FB', 'FB', 'FB', 'FB'),
      CLOSE: AT_AGENCY('ok', 'ok', 'FB', 'FB', 'FB'),
    },
  },
  CLOSED: {
    history: [filed(), verified, forwarded, takenUp, answered(), closed],
    now: later(10),
    expect: {
      VERIFY: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      FORWARD: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      TAKE_UP: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      ANSWER: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      REOPEN: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
      CLOSE: AT_AGENCY('NA', 'NA', 'NA', 'NA', 'NA'),
    },
  },
};

const NAMES = Object.keys(CALLERS) as CallerName[];
const CELLS = Object.entries(STATES).flatMap(([state, s]) =>
  COMPLAINT_ACTIONS.flatMap((action) => NAMES.map((name, i) => ({ state, action, name, outcome: s.expect[action][i], s }))),
);

describe('complaint decider: every state × action × caller', () => {
  it.each(CELLS)('$state: $action by $name → $outcome', ({ action, name, outcome, s }) => {
    const given = spec(s.history);
    const version = s.history.filter((e) => !e.type.startsWith('ComplaintSla')).length;
    const when = given.when(command(action, name, version, s.now));
    if (outcome === 'ok') expect(ComplaintAggregate.decide(command(action, name, version, s.now), given.state)).toHaveLength(1);
    else when.thenThrows(Error, { reason: REASONS[outcome] });
    // The buttons say exactly what the decider allows (the complainant is recognised by digest alone).
    if (given.state.id) {
      const buttons = complaintActions(given.state, { actor: CALLERS[name], ownerDigest: digestOf(name) }, s.now);
      expect(buttons.includes(action)).toBe(outcome === 'ok');
    }
  });
});

describe('complaint decider: filing', () => {
  it('files an anonymous complaint: no person id in the event, the agency the citizen chose, the SLA of the category', () => {
    spec([]).when(file()).then([filed()]);
  });

  it('files a named complaint about their own application; with no agency named, the application’s agency is the door', () => {
    spec([])
      .when(file({ anonymous: false, agencyId: null, application: { id: 'app-1', agencyId: 'disdukcapil' } }))
      .then([filed({ anonymous: false, complainantId: 'citizen-1', agencyId: 'disdukcapil', applicationId: 'app-1' })]);
  });

  it('files to "I don’t know which agency": no agency until triage', () => {
    spec([])
      .when(file({ agencyId: null }))
      .then([filed({ agencyId: '' })]);
  });

  it('refuses an anonymous complaint about an application (the application would name its applicant)', () => {
    spec([])
      .when(file({ application: { id: 'app-1', agencyId: 'disdukcapil' } }))
      .thenThrows(AnonymousCannotReferenceApplication, { reason: 'COMPLAINT.ANONYMOUS_WITH_APPLICATION', code: 'BAD_USER_INPUT' });
  });

  it('only citizens file', () => {
    spec([]).when(file({}, holder)).thenThrows(ComplaintActionForbidden, { reason: 'COMPLAINT.ACTION_FORBIDDEN' });
  });

  it('refuses a second filing on the same stream, and any other command on none', () => {
    spec([filed()]).when(file()).thenThrows(Error, { reason: 'COMPLAINT.ALREADY_FILED', code: 'CONFLICT' });
    spec([])
      .when(command('VERIFY', 'platform', 0, later(1)))
      .thenThrows(ComplaintNotFound, { code: 'NOT_FOUND' });
  });
});

describe('complaint decider: triage and forwarding (no wrong door)', () => {
  it('triage routes an unrouted complaint, and needs an agency to do so', () => {
    const unrouted = [filed({ agencyId: '' })];
    spec(unrouted)
      .when(command('VERIFY', 'platform', 1, later(2)))
      .thenThrows(ComplaintInputInvalid, { fields: { agencyId: 'COMPLAINT.AGENCY_REQUIRED' } });
    spec(unrouted)
      .when({ type: 'VerifyComplaint', data: { expectedVersion: 1, agencyId: 'dpupr' }, metadata: { now: later(2), actor: platform } })
      .then([verified]);
  });

  it('triage may correct the citizen’s choice of agency', () => {
    spec([filed()])
      .when({ type: 'VerifyComplaint', data: { expectedVersion: 1, agencyId: 'dinsos' }, metadata: { now: later(2), actor: platform } })
      .then([{ ...verified, data: { ...verified.data, agencyId: 'dinsos' } } as ComplaintEvent]);
  });

  it('forwards after triage to the agency triage chose', () => {
    spec([filed(), verified])
      .when({ type: 'ForwardComplaint', data: { expectedVersion: 2, toAgencyId: null, reason: '' }, metadata: { now: later(3), actor: platform } })
      .then([forwarded]);
  });

  it('the wrong door forwards it on: the new agency sees it, the old one no longer does, and the holder is let go', () => {
    const history = [filed(), verified, forwarded, takenUp];
    const on: ComplaintCommand = {
      type: 'ForwardComplaint',
      data: { expectedVersion: 4, toAgencyId: 'dinsos', reason: 'Bantuan sosial, bukan jalan' },
      metadata: { now: later(5), actor: holder },
    };
    const event: ComplaintEvent = {
      type: 'ComplaintForwarded',
      data: {
        complaintId: ID,
        fromAgencyId: 'dpupr',
        toAgencyId: 'dinsos',
        actorId: holder.id,
        actorRole: 'OFFICER',
        reason: 'Bantuan sosial, bukan jalan',
        version: 5,
        at: at(5),
      },
    };
    spec(history).when(on).then([event]);
    const after = spec([...history, event]);
    expect(after.state).toMatchObject({ status: 'FORWARDED', agencyId: 'dinsos', assigneeId: null });
    after.when(command('TAKE_UP', 'holder', 5, later(6))).thenThrows(ComplaintNotFound);
    after.when(command('TAKE_UP', 'otherAgency', 5, later(6))).then([
      {
        type: 'ComplaintTakenUp',
        data: { complaintId: ID, agencyId: 'dinsos', officerId: otherAgency.id, officerRole: 'OFFICER', version: 6, at: at(6) },
      },
    ]);
  });

  it('forwarding to the agency that already has it is no forwarding', () => {
    spec([filed(), verified, forwarded])
      .when({ type: 'ForwardComplaint', data: { expectedVersion: 3, toAgencyId: 'dpupr', reason: '' }, metadata: { now: later(4), actor: holder } })
      .thenThrows(ComplaintInputInvalid, { fields: { toAgencyId: 'COMPLAINT.SAME_AGENCY' } });
  });

  it('a stale version is a CONFLICT and nothing is decided', () => {
    spec([filed(), verified, forwarded])
      .when(command('TAKE_UP', 'holder', 2, later(4)))
      .thenThrows(ComplaintVersionConflict, { code: 'CONFLICT', params: { expected: 2, actual: 3 } });
  });
});

describe('complaint decider: answer, reopen window (clock in the command), close', () => {
  const answeredHistory = [filed(), verified, forwarded, takenUp, answered()];
  const answeredAt = later(5).getTime();
  const reopenAt = (ms: number): ComplaintCommand => ({
    type: 'ReopenComplaint',
    data: { expectedVersion: 5, ownerDigest: OWNER, reasonCiphertext: 'vault:v1:why', calendar },
    metadata: { now: new Date(ms), actor: complainant },
  });

  it('an answer needs text', () => {
    spec([filed(), verified, forwarded, takenUp])
      .when({ type: 'AnswerComplaint', data: { expectedVersion: 4, answerCiphertext: '' }, metadata: { now: later(5), actor: holder } })
      .thenThrows(ComplaintInputInvalid, { fields: { text: 'COMPLAINT.ANSWER_REQUIRED' } });
  });

  it(`reopens up to exactly ${REOPEN_WINDOW_DAYS} days after the answer, with the category’s working days counted again`, () => {
    const edge = answeredAt + REOPEN_WINDOW_DAYS * 24 * 3600_000;
    // 16 March 2026 09:05 WIB is a Monday: five working days later is Monday 23 March, end of day WIB.
    spec(answeredHistory)
      .when(reopenAt(edge))
      .then([
        {
          type: 'ComplaintReopened',
          data: {
            complaintId: ID,
            agencyId: 'dpupr',
            reasonCiphertext: 'vault:v1:why',
            version: 6,
            at: new Date(edge).toISOString(),
            dueAt: '2026-03-23T16:59:59.999Z',
            warnAt: expect.any(String) as unknown as string,
          },
        },
      ]);
    expect(spec(answeredHistory).state).toMatchObject({ status: 'ANSWERED', reopened: false });
  });

  it('refuses to reopen a millisecond after the window, and a second time ever', () => {
    const edge = answeredAt + REOPEN_WINDOW_DAYS * 24 * 3600_000;
    spec(answeredHistory)
      .when(reopenAt(edge + 1))
      .thenThrows(ReopenNotAllowed, { why: 'WINDOW_PASSED', params: { days: 14 } });
    spec([...answeredHistory, reopened, answered(7, 8)])
      .when({ ...reopenAt(answeredAt + 60_000), data: { ...(reopenAt(0).data as object), expectedVersion: 7 } } as ComplaintCommand)
      .thenThrows(ReopenNotAllowed, { why: 'ALREADY_REOPENED' });
  });

  it('the buttons follow the clock too', () => {
    const state = spec(answeredHistory).state;
    if (!state.id) throw new Error('not filed');
    const edge = answeredAt + REOPEN_WINDOW_DAYS * 24 * 3600_000;
    expect(complaintActions(state, { actor: complainant, ownerDigest: OWNER }, new Date(edge))).toEqual(['REOPEN', 'CLOSE']);
    expect(complaintActions(state, { actor: complainant, ownerDigest: OWNER }, new Date(edge + 1))).toEqual(['CLOSE']);
  });

  it('the complainant closes; the event says CITIZEN, never who', () => {
    spec(answeredHistory)
      .when(command('CLOSE', 'complainant', 5, later(6)))
      .then([closed]);
  });
});

describe('complaint decider: SLA (like applications: a warning at 80 %, a breach after the due time, each once)', () => {
  const sla = (now: Date): ComplaintCommand => ({ type: 'CheckComplaintSla', data: {}, metadata: { now, actor: { id: 'clock', role: 'SYSTEM' } } });
  const due = new Date(DUE);

  it('raises the breach (and the warning it skipped) once the due time has passed, and never again', () => {
    const history = [filed({ warnAt: '2026-03-06T10:00:00.000Z' })];
    const after = new Date(due.getTime() + 1);
    const base = { complaintId: ID, agencyId: 'dpupr', dueAt: DUE, at: after.toISOString(), version: 1 };
    const events: ComplaintEvent[] = [
      { type: 'ComplaintSlaWarningRaised', data: base },
      { type: 'ComplaintSlaBreached', data: base },
    ];
    spec(history).when(sla(after)).then(events);
    spec([...history, ...events])
      .when(sla(new Date(after.getTime() + 3600_000)))
      .then([]);
    // SLA events are not steps: an officer's version stays the same.
    expect(spec([...history, ...events]).state.version).toBe(1);
  });

  it('nothing before the warning time, and nothing once answered (the clock stops with the answer)', () => {
    spec([filed({ warnAt: '2026-03-06T10:00:00.000Z' })])
      .when(sla(later(60)))
      .then([]);
    spec([filed({ warnAt: '2026-03-06T10:00:00.000Z' }), verified, forwarded, takenUp, answered()])
      .when(sla(new Date(due.getTime() + 1)))
      .then([]);
  });
});

describe('complaint decider: referral to SP4N-LAPOR!', () => {
  const refer = (actor: ComplaintActor): ComplaintCommand => ({
    type: 'ReferToLapor',
    data: { laporId: '9001', laporTrackingId: 'LPR-1' },
    metadata: { now: later(9), actor },
  });
  const referred: ComplaintEvent = {
    type: 'ComplaintReferredToLapor',
    data: { complaintId: ID, laporId: '9001', laporTrackingId: 'LPR-1', actorId: platform.id, at: at(9) },
  };

  it('platform admins refer a verified complaint once; it is no step (the version stays)', () => {
    spec([filed(), verified]).when(refer(platform)).then([referred]);
    expect(spec([filed(), verified, referred]).state).toMatchObject({ version: 2, laporTrackingId: 'LPR-1' });
    spec([filed(), verified, referred])
      .when(refer(platform))
      .thenThrows(Error, { reason: 'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED', why: 'ALREADY_REFERRED' });
  });

  it('not before triage, and nobody else', () => {
    spec([filed()]).when(refer(platform)).thenThrows(Error, { reason: 'COMPLAINT.LAPOR_REFERRAL_NOT_ALLOWED', why: 'NOT_VERIFIED' });
    spec([filed(), verified, forwarded]).when(refer(holder)).thenThrows(ComplaintActionForbidden);
    spec([filed(), verified]).when(refer(holder)).thenThrows(ComplaintNotFound);
    spec([filed(), verified]).when(refer(stranger)).thenThrows(ComplaintNotFound);
  });
});
