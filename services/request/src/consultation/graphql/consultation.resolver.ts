import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type AuthUser, type RequestContext } from '@serang/platform';
import { actingRole } from '../../domain/staff-roles';
import { ConsultationReader } from '../application/consultation-reader';
import { Consultations } from '../application/consultations';
import type { ConsultationActor } from '../domain/consultation.aggregate';
import { ConsultationMessage, ConsultationMessageInput, ConsultationsFilter, ConsultationThread, OpenConsultationInput } from './consultation.models';

const PARTIES = ['CITIZEN', 'OFFICER', 'AGENCY_ADMIN'] as const;
const actorOf = (user: AuthUser): ConsultationActor => ({
  id: user.id,
  role: actingRole(user.roles),
  ...(user.agency ? { agency: user.agency } : {}),
});

/**
 * Consultation threads between a citizen and an agency, built for poor connections: every write is
 * safe to resend (client-chosen ids), reads poll for what changed (`since`, `after`), answers are small.
 */
@Resolver(() => ConsultationThread)
export class ConsultationResolver {
  constructor(
    private readonly commands: Consultations,
    private readonly reader: ConsultationReader,
  ) {}

  @Mutation(() => ConsultationThread, {
    description: 'Citizens: open a thread with an agency, with its first message; a resend with the same id answers the thread',
  })
  async openConsultation(@Args('input') input: OpenConsultationInput, @Context() ctx: RequestContext): Promise<ConsultationThread> {
    const actor = actorOf(requireUser(ctx, 'CITIZEN'));
    const thread = await this.commands.open(
      {
        threadId: input.id,
        agencyId: input.agencyId,
        serviceId: input.serviceId,
        applicationId: input.applicationId,
        subject: input.subject,
        message: { messageId: input.message.messageId, text: input.message.text, attachmentIds: input.message.attachmentIds },
      },
      { id: actor.id, role: 'CITIZEN' },
      currentTraceparent(ctx.traceparent),
    );
    return this.reader.threadView(thread, actor);
  }

  @Mutation(() => ConsultationMessage, {
    description:
      "The thread's citizen, or its agency's officers (once claimed) and admins: post a message; resending the same messageId answers the same message",
  })
  async postConsultationMessage(
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('message') message: ConsultationMessageInput,
    @Context() ctx: RequestContext,
  ): Promise<ConsultationMessage> {
    const actor = actorOf(requireUser(ctx, ...PARTIES));
    const thread = await this.commands.post(
      threadId,
      { messageId: message.messageId, text: message.text, attachmentIds: message.attachmentIds },
      actor,
      currentTraceparent(ctx.traceparent),
    );
    const posted = thread.messages[message.messageId.toLowerCase()];
    return {
      id: message.messageId.toLowerCase(),
      seq: posted.seq,
      authorRole: posted.authorRole,
      mine: true,
      text: message.text?.trim() || null,
      attachmentIds: message.attachmentIds ?? [],
      postedAt: new Date(posted.postedAt),
    };
  }

  @Mutation(() => ConsultationThread, {
    description: "Officers and agency admins of the thread's agency: take it to answer (admins may take it over)",
  })
  async claimConsultation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ConsultationThread> {
    const actor = actorOf(requireUser(ctx, 'OFFICER', 'AGENCY_ADMIN'));
    return this.reader.threadView(await this.commands.claim(id, actor, currentTraceparent(ctx.traceparent)), actor);
  }

  @Mutation(() => ConsultationThread, { description: "A read receipt: the caller's side has read the thread up to message upToSeq" })
  async markConsultationRead(
    @Args('id', { type: () => ID }) id: string,
    @Args('upToSeq', { type: () => Int }) upToSeq: number,
    @Context() ctx: RequestContext,
  ): Promise<ConsultationThread> {
    const actor = actorOf(requireUser(ctx, ...PARTIES));
    return this.reader.threadView(await this.commands.markRead(id, upToSeq, actor, currentTraceparent(ctx.traceparent)), actor);
  }

  @Mutation(() => ConsultationThread, { description: 'Either party closes the thread; it stays readable' })
  async closeConsultation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ConsultationThread> {
    const actor = actorOf(requireUser(ctx, ...PARTIES));
    return this.reader.threadView(await this.commands.close(id, actor, currentTraceparent(ctx.traceparent)), actor);
  }

  @Query(() => ConsultationThread, { description: 'One thread of the caller (citizen) or of their agency (staff)' })
  async consultation(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ConsultationThread> {
    const actor = actorOf(requireUser(ctx, ...PARTIES));
    return this.reader.threadView(await this.reader.thread(id, actor), actor);
  }

  @Query(() => [ConsultationThread], {
    description: "The caller's threads (citizens) or their agency's (staff) changed since `since`, oldest change first",
  })
  consultations(
    @Args('filter', { type: () => ConsultationsFilter, nullable: true }) filter: ConsultationsFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ConsultationThread[]> {
    return this.reader.threads(actorOf(requireUser(ctx, ...PARTIES)), filter ?? {});
  }

  @Query(() => [ConsultationMessage], { description: "A thread's messages after message number `after` (default 0), oldest first" })
  consultationMessages(
    @Args('threadId', { type: () => ID }) threadId: string,
    @Args('after', { type: () => Int, nullable: true }) after: number | undefined,
    @Args('first', { type: () => Int, nullable: true, description: '1–100, default 50' }) first: number | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ConsultationMessage[]> {
    return this.reader.messages(threadId, after ?? 0, first, actorOf(requireUser(ctx, ...PARTIES)));
  }
}
