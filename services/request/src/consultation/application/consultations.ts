import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type CommandFor } from '@serang/eventstore';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ApplicationStreams } from '../../application/application-streams';
import { DocumentCatalog } from '../../application/document-catalog';
import { ApplicationNotFound } from '../../domain/request.errors';
import { ServiceDefinitions } from '../../infra/service-definitions.queries';
import {
  Consultation,
  ConsultationId,
  isMessageId,
  type ConsultationActor,
  type ConsultationCommand,
  type ConsultationState,
  type SealedMessage,
  type Thread,
} from '../domain/consultation.aggregate';
import { ConsultationInvalid, ConsultationNotFound } from '../domain/consultation.errors';

export const TEXT_MAX = 4000;
export const SUBJECT_MAX = 200;
const ATTACHMENTS_MAX = 5;

export interface MessageInput {
  /** Chosen by the client (a UUID): the resend of a message is the same message. */
  messageId: string;
  text?: string;
  attachmentIds?: readonly string[];
}

/** The vault fields a thread's texts are sealed under (bound to the thread and message). */
export const subjectField = (threadId: string) => `consultation:${threadId}:subject`;
export const messageField = (threadId: string, messageId: string) => `consultation:${threadId}:message:${messageId}`;

/**
 * Consultation threads on the one write path. Every text is sealed under the citizen's key (the
 * thread is about them), with a keyed digest so that a resend of a message is recognised as the
 * same message. A post races only with other posts, receipts and claims, none of which a writer
 * decided on: it is decided again on the new thread (its number is the next one then).
 */
@Injectable()
export class Consultations {
  constructor(
    private readonly handler: CommandHandler,
    private readonly applications: ApplicationStreams,
    private readonly definitions: ServiceDefinitions,
    private readonly documents: DocumentCatalog,
    private readonly vault: Vault,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(
    input: { threadId?: string; agencyId?: string; serviceId?: string; applicationId?: string; subject: string; message: MessageInput },
    actor: ConsultationActor,
    traceparent?: string,
  ): Promise<Thread> {
    const threadId = input.threadId ? ConsultationId.from(input.threadId) : uuidv7();
    const subject = input.subject.trim();
    const fields: Record<string, string> = {};
    if (!subject || [...subject].length > SUBJECT_MAX) fields.subject = 'CONSULTATION.SUBJECT_LENGTH';
    this.checkMessage(input.message, fields);
    if (Object.keys(fields).length) throw new ConsultationInvalid(fields);
    const target = await this.target(input, actor);
    await this.checkAttachments(input.message.attachmentIds ?? [], actor);
    const first = await this.seal(actor.id, threadId, input.message);
    const subjectCiphertext = await this.vault.encrypt(actor.id, subjectField(threadId), subject);
    return this.decide(threadId, actor, {
      type: 'OpenConsultation',
      data: { threadId, ...target, subjectCiphertext, first },
      metadata: this.meta(actor, traceparent),
    });
  }

  async post(threadId: string, message: MessageInput, actor: ConsultationActor, traceparent?: string): Promise<Thread> {
    const fields: Record<string, string> = {};
    this.checkMessage(message, fields);
    if (Object.keys(fields).length) throw new ConsultationInvalid(fields);
    await this.checkAttachments(message.attachmentIds ?? [], actor);
    return this.decide(ConsultationId.from(threadId), actor, async (state) => ({
      type: 'PostMessage',
      data: await this.seal((state as Thread).citizenId, threadId, message),
      metadata: this.meta(actor, traceparent),
    }));
  }

  claim(threadId: string, actor: ConsultationActor, traceparent?: string): Promise<Thread> {
    return this.decide(ConsultationId.from(threadId), actor, { type: 'ClaimConsultation', data: {}, metadata: this.meta(actor, traceparent) });
  }

  markRead(threadId: string, upToSeq: number, actor: ConsultationActor, traceparent?: string): Promise<Thread> {
    return this.decide(ConsultationId.from(threadId), actor, {
      type: 'MarkConsultationRead',
      data: { upToSeq },
      metadata: this.meta(actor, traceparent),
    });
  }

  close(threadId: string, actor: ConsultationActor, traceparent?: string): Promise<Thread> {
    return this.decide(ConsultationId.from(threadId), actor, { type: 'CloseConsultation', data: {}, metadata: this.meta(actor, traceparent) });
  }

  private meta(actor: ConsultationActor, traceparent?: string) {
    return { now: this.clock.now(), actor, traceparent };
  }

  private async decide(threadId: string, actor: ConsultationActor, command: CommandFor<ConsultationCommand, ConsultationState>): Promise<Thread> {
    const opening = typeof command !== 'function' && command.type === 'OpenConsultation';
    const { state } = await this.handler.handle(Consultation, threadId, command, {
      // A thread that is not the caller's answers like none, before anything is sealed for it.
      guard: (s) => {
        if (s.status === 'NONE' ? !opening : !opening && !visibleTo(s, actor)) throw new ConsultationNotFound();
      },
      retryWhen: () => true,
    });
    if (state.status === 'NONE') throw new ConsultationNotFound();
    return state;
  }

  private checkMessage(m: MessageInput, fields: Record<string, string>): void {
    if (!isMessageId(m.messageId)) fields.messageId = 'CONSULTATION.MESSAGE_ID';
    const text = m.text?.trim() ?? '';
    if ([...text].length > TEXT_MAX) fields.text = 'CONSULTATION.TEXT_TOO_LONG';
    if (!text && !(m.attachmentIds ?? []).length) fields.text = 'CONSULTATION.MESSAGE_EMPTY';
    if ((m.attachmentIds ?? []).length > ATTACHMENTS_MAX) fields.attachmentIds = 'CONSULTATION.TOO_MANY_ATTACHMENTS';
  }

  /** Attachments are the author's own uploads (POST /uploads); an id that is not theirs is refused, never looked up elsewhere. */
  private async checkAttachments(ids: readonly string[], actor: ConsultationActor): Promise<void> {
    if (ids.length === 0) return;
    const owned = new Set((await this.documents.ownedBy(ids, actor.id)).map((d) => d.id));
    if (!ids.every((id) => owned.has(id))) throw new ConsultationInvalid({ attachmentIds: 'CONSULTATION.ATTACHMENT_NOT_FOUND' });
  }

  private async seal(citizenId: string, threadId: string, m: MessageInput): Promise<SealedMessage> {
    const text = m.text?.trim() ?? '';
    try {
      return {
        messageId: m.messageId.toLowerCase(),
        textCiphertext: text ? await this.vault.encrypt(citizenId, messageField(threadId, m.messageId.toLowerCase()), text) : '',
        textDigest: await this.vault.keyedDigest(citizenId, 'consultation-message', Buffer.from(JSON.stringify([text, m.attachmentIds ?? []]))),
        attachmentIds: [...(m.attachmentIds ?? [])],
      };
    } catch (e) {
      // The citizen was erased: nobody is left to consult with.
      if (e instanceof PersonDataErasedError) throw new ConsultationNotFound();
      throw e;
    }
  }

  /** The agency the thread is with: named, or that of the service, or that of the caller's own application. */
  private async target(
    input: { agencyId?: string; serviceId?: string; applicationId?: string },
    actor: ConsultationActor,
  ): Promise<{ agencyId: string; serviceId: string; applicationId: string }> {
    let agencyId = input.agencyId;
    let serviceId = input.serviceId ?? '';
    if (input.applicationId) {
      const app = await this.applications.load(ConsultationId.from(input.applicationId)).catch((e: unknown) => {
        if (e instanceof ApplicationNotFound) throw new ConsultationInvalid({ applicationId: 'CONSULTATION.APPLICATION_UNKNOWN' });
        throw e;
      });
      if (app.applicantId !== actor.id || (agencyId && agencyId !== app.agencyId))
        throw new ConsultationInvalid({ applicationId: 'CONSULTATION.APPLICATION_UNKNOWN' });
      return { agencyId: app.agencyId, serviceId: app.serviceId, applicationId: app.id };
    }
    if (serviceId) {
      const d = await this.definitions.latest(serviceId);
      if (!d || (agencyId && d.agencyId !== agencyId)) throw new ConsultationInvalid({ serviceId: 'CONSULTATION.SERVICE_UNKNOWN' });
      agencyId = d.agencyId;
    } else {
      serviceId = '';
      const { rowCount } = agencyId
        ? await this.db.query('select 1 from request.service_definitions where agency_id = $1 limit 1', [agencyId])
        : { rowCount: 0 };
      if (!rowCount) throw new ConsultationInvalid({ agencyId: 'CONSULTATION.AGENCY_UNKNOWN' });
    }
    return { agencyId: agencyId!, serviceId, applicationId: '' };
  }
}

/** The thread's citizen, and its agency's officers and admins. */
export function visibleTo(thread: { citizenId: string; agencyId: string }, actor: { id: string; role: string; agency?: string }): boolean {
  if (actor.role === 'CITIZEN') return actor.id === thread.citizenId;
  return (actor.role === 'OFFICER' || actor.role === 'AGENCY_ADMIN') && actor.agency === thread.agencyId;
}
