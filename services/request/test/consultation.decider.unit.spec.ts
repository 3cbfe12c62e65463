import { decodeEvent, encodeEvent } from '@serang/contracts';
import { deciderSpec } from '@serang/testing';
import {
  Consultation,
  type ConsultationActor,
  type ConsultationCommand,
  type SealedMessage,
} from '../src/consultation/domain/consultation.aggregate';
import type { ConsultationEvent } from '../src/consultation/domain/consultation.events';

const spec = deciderSpec(Consultation);
const now = new Date('2027-01-11T03:00:00Z');
const at = now.toISOString();
const T = '0194a1b2-0000-7000-8000-0000000000a1';

const citizen: ConsultationActor = { id: 'citizen-siti', role: 'CITIZEN' };
const callers: Record<string, ConsultationActor> = {
  citizen,
  otherCitizen: { id: 'citizen-ahmad', role: 'CITIZEN' },
  officer: { id: 'officer-budi', role: 'OFFICER', agency: 'bapenda' },
  otherOfficer: { id: 'officer-andi', role: 'OFFICER', agency: 'bapenda' },
  agencyAdmin: { id: 'admin-rina', role: 'AGENCY_ADMIN', agency: 'bapenda' },
  foreignOfficer: { id: 'officer-dinsos', role: 'OFFICER', agency: 'dinsos' },
  platformAdmin: { id: 'admin-platform', role: 'PLATFORM_ADMIN' },
  agencySystem: { id: 'system-bapenda', role: 'AGENCY_SYSTEM', agency: 'bapenda' },
};

const message = (n: number, digest = `d${n}`): SealedMessage => ({
  messageId: `0194a1b2-0000-7000-8000-00000000000${n}`,
  textCiphertext: `vault:v1:m${n}`,
  textDigest: digest,
  attachmentIds: [],
});
const opened: ConsultationEvent = {
  type: 'ConsultationOpened',
  data: { threadId: T, citizenId: citizen.id, agencyId: 'bapenda', serviceId: '', applicationId: '', subjectCiphertext: 'vault:v1:s', openedAt: at },
};
const posted = (n: number, by: ConsultationActor, seq = n): ConsultationEvent => ({
  type: 'ConsultationMessagePosted',
  data: {
    threadId: T,
    messageId: message(n).messageId,
    seq,
    authorId: by.id,
    authorRole: by.role,
    textCiphertext: `vault:v1:m${n}`,
    textDigest: `d${n}`,
    attachmentIds: [],
    postedAt: at,
  },
});
const claimed = (by: ConsultationActor, previous = ''): ConsultationEvent => ({
  type: 'ConsultationClaimed',
  data: { threadId: T, officerId: by.id, officerRole: by.role, previousOfficerId: previous, at },
});
const closed: ConsultationEvent = { type: 'ConsultationClosed', data: { threadId: T, closedById: citizen.id, closedByRole: 'CITIZEN', at } };

const STATES: Record<string, ConsultationEvent[]> = {
  none: [],
  open: [opened, posted(1, citizen)],
  claimed: [opened, posted(1, citizen), claimed(callers.officer)],
  closed: [opened, posted(1, citizen), closed],
};

const cmd = (type: ConsultationCommand['type'], actor: ConsultationActor, data: object = {}) =>
  ({ type, data, metadata: { now, actor } }) as ConsultationCommand;
const COMMANDS: Record<string, (a: ConsultationActor) => ConsultationCommand> = {
  open: (a) =>
    cmd('OpenConsultation', a, {
      threadId: T,
      agencyId: 'bapenda',
      serviceId: '',
      applicationId: '',
      subjectCiphertext: 'vault:v1:s',
      first: message(1),
    }),
  post: (a) => cmd('PostMessage', a, message(2)),
  claim: (a) => cmd('ClaimConsultation', a),
  read: (a) => cmd('MarkConsultationRead', a, { upToSeq: 1 }),
  close: (a) => cmd('CloseConsultation', a),
};

/** What each (state, command, caller) must give: an event type, NOTHING (a resend), or the refusal's reason. */
function expected(state: string, command: string, who: string): string {
  const a = callers[who];
  if (a.role === 'PLATFORM_ADMIN' || a.role === 'AGENCY_SYSTEM') return 'CONSULTATION.FORBIDDEN';
  if (command === 'open') {
    if (a.role !== 'CITIZEN') return 'CONSULTATION.FORBIDDEN';
    if (state === 'none') return 'ConsultationOpened+ConsultationMessagePosted';
    return who === 'citizen' ? 'NOTHING' : 'CONSULTATION.ALREADY_EXISTS';
  }
  if (state === 'none') return 'CONSULTATION.NOT_FOUND';
  const party = who === 'citizen' || (a.role !== 'CITIZEN' && a.agency === 'bapenda');
  if (!party) return 'CONSULTATION.NOT_FOUND';
  switch (command) {
    case 'post':
      if (state === 'closed') return 'CONSULTATION.CLOSED';
      if (a.role === 'OFFICER' && !(state === 'claimed' && who === 'officer')) return 'CONSULTATION.NOT_CLAIMED';
      return 'ConsultationMessagePosted';
    case 'claim':
      if (a.role === 'CITIZEN') return 'CONSULTATION.FORBIDDEN';
      if (state === 'closed') return 'CONSULTATION.CLOSED';
      if (state === 'claimed' && who === 'officer') return 'NOTHING';
      if (state === 'claimed' && who === 'otherOfficer') return 'CONSULTATION.CLAIMED_BY_ANOTHER';
      return 'ConsultationClaimed';
    case 'read':
      // The citizen wrote message 1: they have read it already.
      return who === 'citizen' ? 'NOTHING' : 'ConsultationRead';
    case 'close':
      return state === 'closed' ? 'NOTHING' : 'ConsultationClosed';
  }
  throw new Error(command);
}

function outcome(events: ConsultationEvent[], command: ConsultationCommand): string {
  try {
    const decided = Consultation.decide(command, spec(events).state);
    return decided.length ? decided.map((e) => e.type).join('+') : 'NOTHING';
  } catch (e) {
    return (e as { reason?: string }).reason ?? String(e);
  }
}

describe('consultation decider: every state × command × caller', () => {
  it('matches the table', () => {
    const seen: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const [state, events] of Object.entries(STATES))
      for (const [command, make] of Object.entries(COMMANDS))
        for (const who of Object.keys(callers)) {
          const key = `${state} × ${command} × ${who}`;
          seen[key] = outcome(events, make(callers[who]));
          want[key] = expected(state, command, who);
        }
    expect(seen).toEqual(want);
  });
});

describe('consultation decider: messages', () => {
  it('numbers messages in order; a writer has read what they answer', () => {
    spec(STATES.claimed)
      .when(COMMANDS.post(callers.officer))
      .then([posted(2, callers.officer)]);
    expect(spec([...STATES.claimed, posted(2, callers.officer)]).state).toMatchObject({ lastSeq: 2, agencyReadSeq: 2, citizenReadSeq: 1 });
  });

  it('a resend of the same message (same id, author and text) changes nothing; another text under that id is a CONFLICT', () => {
    const history = [...STATES.claimed, posted(2, callers.officer)];
    spec(history).when(COMMANDS.post(callers.officer)).then([]);
    // Even once the thread is closed, the resend of what was posted before answers the same.
    spec([...history, closed])
      .when(COMMANDS.post(callers.officer))
      .then([]);
    spec(history)
      .when(cmd('PostMessage', callers.officer, message(2, 'another text')))
      .thenThrows(Error, { reason: 'CONSULTATION.MESSAGE_ID_REUSED', code: 'CONFLICT' });
    spec(history)
      .when(cmd('PostMessage', citizen, message(2)))
      .thenThrows(Error, { reason: 'CONSULTATION.MESSAGE_ID_REUSED' });
  });

  it('a message says something; receipts only move forward and never past the last message', () => {
    spec(STATES.open)
      .when(cmd('PostMessage', citizen, { ...message(2), textCiphertext: '' }))
      .thenThrows(Error, { reason: 'CONSULTATION.INPUT_INVALID', fields: { text: 'CONSULTATION.MESSAGE_EMPTY' } });
    spec(STATES.open)
      .when(cmd('MarkConsultationRead', callers.officer, { upToSeq: 2 }))
      .thenThrows(Error, { reason: 'CONSULTATION.INPUT_INVALID' });
  });

  it('an agency admin takes a thread over from an officer', () => {
    spec(STATES.claimed)
      .when(COMMANDS.claim(callers.agencyAdmin))
      .then([claimed(callers.agencyAdmin, callers.officer.id)]);
  });

  it.each([
    opened,
    posted(1, citizen),
    claimed(callers.officer),
    closed,
    { type: 'ConsultationRead', data: { threadId: T, side: 'AGENCY', readerId: 'x', upToSeq: 1, at } } as ConsultationEvent,
  ])('$type round-trips through its protobuf contract', (event) => {
    expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });
});
