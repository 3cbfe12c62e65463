import type { Aggregate, Command } from '@serang/eventstore';
import { idKind } from '@serang/domain';
import type { ConsultationEvent, ConsultationMessagePosted } from './consultation.events';
import {
  ConsultationClaimedByAnother,
  ConsultationClosed,
  ConsultationExists,
  ConsultationForbidden,
  ConsultationInvalid,
  ConsultationNotClaimed,
  ConsultationNotFound,
  MessageIdReused,
} from './consultation.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A thread's id (`consultation-<id>`), chosen by the client or the server: a UUID. */
export const ConsultationId = idKind<'ConsultationId'>(UUID, () => new ConsultationNotFound());
/** A message's id, chosen by the client so that a resend is the same message. */
export const isMessageId = (raw: string): boolean => UUID.test(raw);

export interface ConsultationActor {
  id: string;
  role: string;
  agency?: string;
}

/** What a message carries once sealed: the text under the citizen's key, its keyed digest, the attachments. */
export interface SealedMessage {
  messageId: string;
  textCiphertext: string;
  textDigest: string;
  attachmentIds: readonly string[];
}

type Meta = Command['metadata'] & { actor: ConsultationActor };
/** A citizen opens a thread with its first message (the agency, service and application checked before). */
export type OpenConsultation = Command<
  'OpenConsultation',
  { threadId: string; agencyId: string; serviceId: string; applicationId: string; subjectCiphertext: string; first: SealedMessage },
  ConsultationActor
>;
/** The citizen or the agency's staff write; a resend of the same message changes nothing. */
export type PostMessage = Command<'PostMessage', SealedMessage, ConsultationActor>;
/** An officer takes the thread; an agency admin may take it over. */
export type ClaimConsultation = Command<'ClaimConsultation', Record<string, never>, ConsultationActor>;
/** A read receipt: the caller's side has read up to message `upToSeq`. */
export type MarkConsultationRead = Command<'MarkConsultationRead', { upToSeq: number }, ConsultationActor>;
/** Either side closes; closing a closed thread changes nothing. */
export type CloseConsultation = Command<'CloseConsultation', Record<string, never>, ConsultationActor>;
export type ConsultationCommand = OpenConsultation | PostMessage | ClaimConsultation | MarkConsultationRead | CloseConsultation;

export interface Thread {
  status: 'OPEN' | 'CLOSED';
  threadId: string;
  citizenId: string;
  agencyId: string;
  serviceId: string;
  applicationId: string;
  subjectCiphertext: string;
  assigneeId: string | null;
  /** Messages so far (the last one's seq). */
  lastSeq: number;
  citizenReadSeq: number;
  agencyReadSeq: number;
  /** messageId → (author, digest): what makes a resend the same message. */
  messages: Readonly<Record<string, { authorId: string; authorRole: string; textDigest: string; seq: number; postedAt: string }>>;
  openedAt: string;
  updatedAt: string;
}
export type ConsultationState = { status: 'NONE' } | Thread;
export const initialConsultationState: ConsultationState = { status: 'NONE' };

const STAFF = ['OFFICER', 'AGENCY_ADMIN'];

/** Which side the caller is on in this thread, or a refusal: others' threads look like none. */
function sideOf(state: Thread, actor: ConsultationActor): 'CITIZEN' | 'AGENCY' {
  if (actor.role === 'CITIZEN' && actor.id === state.citizenId) return 'CITIZEN';
  if (STAFF.includes(actor.role) && actor.agency === state.agencyId) return 'AGENCY';
  throw new ConsultationNotFound();
}

/**
 * Decides what a citizen's or an agency staff member's command does to one consultation thread.
 * Pure: no I/O, no clock. Threads of other citizens and agencies answer NOT_FOUND; agency systems
 * and platform admins take no part (FORBIDDEN).
 */
export function decideConsultation(command: ConsultationCommand, state: ConsultationState): ConsultationEvent[] {
  const { actor, now } = command.metadata as Meta;
  const at = now.toISOString();
  if (actor.role !== 'CITIZEN' && !STAFF.includes(actor.role)) throw new ConsultationForbidden();
  if (command.type === 'OpenConsultation') {
    if (actor.role !== 'CITIZEN') throw new ConsultationForbidden();
    const d = command.data;
    if (state.status !== 'NONE') {
      // A resend of the same open (same citizen, agency, first message) answers the thread.
      if (state.citizenId === actor.id && state.agencyId === d.agencyId && state.messages[d.first.messageId]?.textDigest === d.first.textDigest)
        return [];
      throw new ConsultationExists();
    }
    return [
      {
        type: 'ConsultationOpened',
        data: {
          threadId: d.threadId,
          citizenId: actor.id,
          agencyId: d.agencyId,
          serviceId: d.serviceId,
          applicationId: d.applicationId,
          subjectCiphertext: d.subjectCiphertext,
          openedAt: at,
        },
      },
      posted(d.threadId, 1, actor, d.first, at),
    ];
  }
  if (state.status === 'NONE') throw new ConsultationNotFound();
  const side = sideOf(state, actor);
  switch (command.type) {
    case 'PostMessage': {
      const m = command.data;
      const earlier = state.messages[m.messageId];
      if (earlier) {
        if (earlier.authorId === actor.id && earlier.textDigest === m.textDigest) return [];
        throw new MessageIdReused();
      }
      if (state.status === 'CLOSED') throw new ConsultationClosed();
      if (actor.role === 'OFFICER' && state.assigneeId !== actor.id) throw new ConsultationNotClaimed();
      return [posted(state.threadId, state.lastSeq + 1, actor, m, at)];
    }
    case 'ClaimConsultation': {
      if (side !== 'AGENCY') throw new ConsultationForbidden();
      if (state.status === 'CLOSED') throw new ConsultationClosed();
      if (state.assigneeId === actor.id) return [];
      if (state.assigneeId && actor.role !== 'AGENCY_ADMIN') throw new ConsultationClaimedByAnother();
      return [
        {
          type: 'ConsultationClaimed',
          data: { threadId: state.threadId, officerId: actor.id, officerRole: actor.role, previousOfficerId: state.assigneeId ?? '', at },
        },
      ];
    }
    case 'MarkConsultationRead': {
      const upTo = command.data.upToSeq;
      if (!Number.isInteger(upTo) || upTo < 1 || upTo > state.lastSeq) throw new ConsultationInvalid({ upToSeq: 'CONSULTATION.READ_BEYOND' });
      const mark = side === 'CITIZEN' ? state.citizenReadSeq : state.agencyReadSeq;
      if (upTo <= mark) return [];
      return [{ type: 'ConsultationRead', data: { threadId: state.threadId, side, readerId: actor.id, upToSeq: upTo, at } }];
    }
    case 'CloseConsultation':
      if (state.status === 'CLOSED') return [];
      return [{ type: 'ConsultationClosed', data: { threadId: state.threadId, closedById: actor.id, closedByRole: actor.role, at } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function posted(threadId: string, seq: number, actor: ConsultationActor, m: SealedMessage, at: string): ConsultationMessagePosted {
  if (!m.textCiphertext && m.attachmentIds.length === 0) throw new ConsultationInvalid({ text: 'CONSULTATION.MESSAGE_EMPTY' });
  return {
    type: 'ConsultationMessagePosted',
    data: {
      threadId,
      messageId: m.messageId,
      seq,
      authorId: actor.id,
      authorRole: actor.role,
      textCiphertext: m.textCiphertext,
      textDigest: m.textDigest,
      attachmentIds: [...m.attachmentIds],
      postedAt: at,
    },
  };
}

/** Folds one event into the thread; replaying a stream always gives the same thread. */
export function evolveConsultation(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  if (event.type === 'ConsultationOpened') {
    const d = event.data;
    return {
      status: 'OPEN',
      threadId: d.threadId,
      citizenId: d.citizenId,
      agencyId: d.agencyId,
      serviceId: d.serviceId,
      applicationId: d.applicationId,
      subjectCiphertext: d.subjectCiphertext,
      assigneeId: null,
      lastSeq: 0,
      citizenReadSeq: 0,
      agencyReadSeq: 0,
      messages: {},
      openedAt: d.openedAt,
      updatedAt: d.openedAt,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'ConsultationMessagePosted': {
      const d = event.data;
      const own = d.authorRole === 'CITIZEN' ? { citizenReadSeq: d.seq } : { agencyReadSeq: d.seq }; // a writer has read what they answer
      return {
        ...state,
        ...own,
        lastSeq: d.seq,
        updatedAt: d.postedAt,
        messages: {
          ...state.messages,
          [d.messageId]: { authorId: d.authorId, authorRole: d.authorRole, textDigest: d.textDigest, seq: d.seq, postedAt: d.postedAt },
        },
      };
    }
    case 'ConsultationClaimed':
      return { ...state, assigneeId: event.data.officerId, updatedAt: event.data.at };
    case 'ConsultationRead':
      return event.data.side === 'CITIZEN'
        ? { ...state, citizenReadSeq: Math.max(state.citizenReadSeq, event.data.upToSeq) }
        : { ...state, agencyReadSeq: Math.max(state.agencyReadSeq, event.data.upToSeq) };
    case 'ConsultationClosed':
      return { ...state, status: 'CLOSED', updatedAt: event.data.at };
    default:
      return state;
  }
}

/** A consultation thread on the one write path: stream `consultation-<id>`. */
export const Consultation: Aggregate<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  category: 'consultation',
  initialState: initialConsultationState,
  decide: (command, state) => decideConsultation(command, state),
  evolve: (state, event) => evolveConsultation(state, event),
};
