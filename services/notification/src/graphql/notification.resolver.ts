import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError, CLOCK, requireUser, type Clock, type Lang, type RequestContext } from '@serang/platform';
import { validate as isUuid } from 'uuid';
import { renderNotification } from '../domain/notification.templates';
import { InboxRepository } from '../infra/inbox.repository';
import type { InboxRow } from '../infra/notification.tables';
import { Notification, type NotificationKindGql } from './notification.models';

const MAX_LIMIT = 100;

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly inbox: InboxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [Notification], { description: "The caller's notifications, newest first" })
  async myNotifications(
    @Args('limit', { type: () => Int, defaultValue: 50, description: `At most ${MAX_LIMIT}` }) limit: number,
    @Context() ctx: RequestContext,
  ): Promise<Notification[]> {
    const user = requireUser(ctx);
    if (limit < 1 || limit > MAX_LIMIT) throw new AppError('BAD_USER_INPUT', 'BAD_USER_INPUT', { max: MAX_LIMIT }, { limit: 'NOTIFICATION.LIMIT_OUT_OF_RANGE' });
    const rows = await this.inbox.forRecipient(user.id, limit);
    return rows.map((r) => toNotification(r, ctx.lang));
  }

  @Mutation(() => Notification, { description: "Marks one of the caller's notifications read; marking it again changes nothing" })
  async markNotificationRead(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Notification> {
    const user = requireUser(ctx);
    // Someone else's notification answers exactly like a missing one: its existence is not revealed.
    const row = isUuid(id) ? await this.inbox.markRead(id, user.id, this.clock.now()) : null;
    if (!row) throw new AppError('NOT_FOUND', 'NOTIFICATION.NOT_FOUND', { id });
    return toNotification(row, ctx.lang);
  }
}

function toNotification(r: InboxRow, lang: Lang): Notification {
  const { title, message } = renderNotification(r.kind, r.params, lang);
  return { id: r.id, kind: r.kind as NotificationKindGql, title, message, applicationId: r.params.applicationId, createdAt: r.created_at, readAt: r.read_at };
}
