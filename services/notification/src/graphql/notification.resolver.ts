import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, requireUser, type Clock, type Lang, type RequestContext } from '@serang/platform';
import { validate as isUuid } from 'uuid';
import { NotificationNotFound, PageSizeOutOfRange } from '../domain/notification.errors';
import { renderNotification } from '../domain/notification.templates';
import { InboxRepository } from '../infra/inbox.repository';
import type { InboxRow } from '../infra/notification.tables';
import { decodeCursor, encodeCursor } from './inbox-cursor';
import { Notification, NotificationPage } from './notification.models';

const MAX_PAGE = 100;
export const LINK_BASE = Symbol('NOTIFICATION_LINK_BASE');

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly inbox: InboxRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LINK_BASE) private readonly linkBase: string,
  ) {}

  @Query(() => NotificationPage, { description: "The caller's notifications, newest first, a page at a time, with the unread count" })
  async myNotifications(
    @Args('first', { type: () => Int, defaultValue: 20, description: `At most ${MAX_PAGE}` }) first: number,
    @Args('after', { type: () => String, nullable: true, description: "The previous page's nextCursor" }) after: string | null,
    @Context() ctx: RequestContext,
  ): Promise<NotificationPage> {
    const user = requireUser(ctx);
    if (first < 1 || first > MAX_PAGE) throw new PageSizeOutOfRange('first', MAX_PAGE);
    const position = after ? decodeCursor(after) : null;
    // One more than asked tells whether another page follows.
    const rows = await this.inbox.page(user.id, first + 1, position);
    const items = rows.slice(0, first);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.toNotification(r, ctx.lang)),
      unreadCount: await this.inbox.unreadCount(user.id),
      nextCursor: rows.length > first && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  }

  @Mutation(() => Notification, { description: "Marks one of the caller's notifications read; marking it again changes nothing" })
  async markNotificationRead(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Notification> {
    const user = requireUser(ctx);
    const row = isUuid(id) ? await this.inbox.markRead(id, user.id, this.clock.now()) : null;
    if (!row) throw new NotificationNotFound(id);
    return this.toNotification(row, ctx.lang);
  }

  @Mutation(() => Int, { description: 'Marks every unread notification of the caller read; answers how many it marked (0 when none was unread)' })
  async markAllNotificationsRead(@Context() ctx: RequestContext): Promise<number> {
    const user = requireUser(ctx);
    return this.inbox.markAllRead(user.id, this.clock.now());
  }

  private toNotification(r: InboxRow, lang: Lang): Notification {
    const { title, message, link } = renderNotification(r.kind, r.template_version, r.params, lang, this.linkBase);
    return {
      id: r.id,
      kind: r.kind,
      title,
      message,
      link,
      applicationId: r.params.applicationId || undefined,
      trackingNumber: r.params.trackingNumber || undefined,
      complaintId: r.params.complaintId,
      templateVersion: r.template_version,
      createdAt: r.created_at,
      readAt: r.read_at,
    };
  }
}
