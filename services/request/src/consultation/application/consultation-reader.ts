import { Inject, Injectable } from '@nestjs/common';
import { load, type EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { Consultation, ConsultationId, type ConsultationActor, type Thread } from '../domain/consultation.aggregate';
import { ConsultationNotFound } from '../domain/consultation.errors';
import { ConsultationQueries, type ThreadRow } from '../infra/consultation.queries';
import { messageField, subjectField, visibleTo } from './consultations';

export interface ThreadView {
  id: string;
  agencyId: string;
  serviceId: string | null;
  applicationId: string | null;
  subject: string | null;
  status: string;
  /** Staff only: who claimed it; citizens see `claimed`. */
  assigneeId: string | null;
  claimed: boolean;
  lastSeq: number;
  citizenReadSeq: number;
  agencyReadSeq: number;
  /** Messages the caller's side has not read. */
  unread: number;
  openedAt: Date;
  updatedAt: Date;
}

export interface MessageView {
  id: string;
  seq: number;
  authorRole: string;
  mine: boolean;
  text: string | null;
  attachmentIds: string[];
  postedAt: Date;
}

const LIMIT = (n: number | undefined, max: number, dflt: number) => Math.min(Math.max(n ?? dflt, 1), max);

/** Threads and messages for their parties, texts opened under the citizen's key (an erased citizen's read as nothing). */
@Injectable()
export class ConsultationReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: ConsultationQueries,
    private readonly vault: Vault,
  ) {}

  /** One thread, from its stream (a step just taken shows); others' threads answer like none. */
  async thread(id: string, actor: ConsultationActor): Promise<Thread> {
    const { state } = await load(this.store, Consultation, ConsultationId.from(id));
    if (state.status === 'NONE' || !visibleTo(state, actor)) throw new ConsultationNotFound();
    return state;
  }

  async threadView(t: Thread, actor: ConsultationActor): Promise<ThreadView> {
    return this.view(
      {
        id: t.threadId,
        citizen_id: t.citizenId,
        agency_id: t.agencyId,
        service_id: t.serviceId,
        application_id: t.applicationId,
        subject_ciphertext: t.subjectCiphertext,
        status: t.status,
        assignee_id: t.assigneeId,
        last_seq: t.lastSeq,
        citizen_read_seq: t.citizenReadSeq,
        agency_read_seq: t.agencyReadSeq,
        opened_at: new Date(t.openedAt),
        updated_at: new Date(t.updatedAt),
      },
      actor,
    );
  }

  /** Messages after `after` (their number), oldest first: a poll on a slow line asks only for what is new. */
  async messages(threadId: string, after: number, first: number | undefined, actor: ConsultationActor): Promise<MessageView[]> {
    const thread = await this.thread(threadId, actor);
    const rows = await this.queries.messages(thread.threadId, Math.max(after, 0), LIMIT(first, 100, 50));
    return Promise.all(
      rows.map(async (m) => ({
        id: m.message_id,
        seq: m.seq,
        authorRole: m.author_role,
        mine: m.author_id === actor.id,
        text: await this.open(thread.citizenId, messageField(thread.threadId, m.message_id), m.text_ciphertext),
        attachmentIds: m.attachment_ids,
        postedAt: m.posted_at,
      })),
    );
  }

  /** The caller's threads (citizen) or their agency's (staff) changed since `since`, oldest change first. */
  async threads(
    actor: ConsultationActor,
    f: { since?: Date; unclaimed?: boolean; assignedToMe?: boolean; includeClosed?: boolean; first?: number },
  ): Promise<ThreadView[]> {
    const staff = actor.role !== 'CITIZEN';
    const rows = await this.queries.threads({
      citizenId: staff ? undefined : actor.id,
      agencyId: staff ? actor.agency : undefined,
      since: f.since,
      unclaimed: staff && f.unclaimed,
      assigneeId: staff && f.assignedToMe ? actor.id : undefined,
      includeClosed: f.includeClosed ?? true,
      limit: LIMIT(f.first, 100, 20),
    });
    return Promise.all(rows.map((r) => this.view(r, actor)));
  }

  private async view(r: ThreadRow, actor: ConsultationActor): Promise<ThreadView> {
    const citizen = actor.role === 'CITIZEN';
    return {
      id: r.id,
      agencyId: r.agency_id,
      serviceId: r.service_id || null,
      applicationId: r.application_id || null,
      subject: await this.open(r.citizen_id, subjectField(r.id), r.subject_ciphertext),
      status: r.status,
      assigneeId: citizen ? null : r.assignee_id,
      claimed: !!r.assignee_id,
      lastSeq: r.last_seq,
      citizenReadSeq: r.citizen_read_seq,
      agencyReadSeq: r.agency_read_seq,
      unread: Math.max(0, r.last_seq - (citizen ? r.citizen_read_seq : r.agency_read_seq)),
      openedAt: r.opened_at,
      updatedAt: r.updated_at,
    };
  }

  async open(personId: string, field: string, ciphertext: string): Promise<string | null> {
    if (!ciphertext) return null;
    try {
      return await this.vault.decrypt(personId, field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return null;
      throw e;
    }
  }
}
