import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CLOCK, requireUser, type Clock, type RequestContext } from '@serang/platform';
import { validate as isUuid } from 'uuid';
import { CHANNELS, type Channel } from '../domain/delivery.policy';
import { ParkedMessageNotFound, ParkedPageInvalid } from '../domain/notification.errors';
import { DeliveriesRepository, type ParkedRow } from '../infra/deliveries.repository';
import { ParkedMessage } from './parked-message.models';

const MAX_PAGE = 200;

const toParked = (r: ParkedRow): ParkedMessage => ({
  id: r.id,
  channel: r.channel,
  kind: r.kind,
  recipientId: r.recipient_id,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at,
  parkedAt: r.updated_at,
});

/**
 * Messages given up after every retry (`technical-failure`): platform admins see them and send
 * them again once the cause (a provider outage, a wrong credential) is fixed. They carry ids and
 * the provider's last error — never an address.
 */
@Resolver(() => ParkedMessage)
export class ParkedMessagesResolver {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [ParkedMessage], { description: 'Platform admins: messages given up after every retry, newest first' })
  async parkedMessages(
    @Args('first', { type: () => Int, defaultValue: 50, description: `At most ${MAX_PAGE}` }) first: number,
    @Args('before', { type: () => ID, nullable: true, description: "The last item's id, for the next (older) page" }) before: string | null,
    @Context() ctx: RequestContext,
  ): Promise<ParkedMessage[]> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    if (first < 1 || first > MAX_PAGE) throw new ParkedPageInvalid('first', MAX_PAGE);
    if (before && !isUuid(before)) throw new ParkedPageInvalid('before', MAX_PAGE);
    return (await this.deliveries.parked(first, before ?? null)).map(toParked);
  }

  @Mutation(() => ParkedMessage, { description: 'Platform admins: sends a parked message again, under its own key (fresh attempts)' })
  async redriveParkedMessage(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ParkedMessage> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    const row = isUuid(id) ? await this.deliveries.redrive(id, this.clock.now()) : null;
    if (!row) throw new ParkedMessageNotFound(id);
    return toParked(row);
  }

  @Mutation(() => Int, { description: 'Platform admins: sends every parked message (of one channel, when given) again; answers how many' })
  async redriveParkedMessages(
    @Args('channel', { type: () => String, nullable: true, description: 'email, sms or whatsapp' }) channel: string | null,
    @Context() ctx: RequestContext,
  ): Promise<number> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    if (channel && !(CHANNELS as readonly string[]).includes(channel)) throw new ParkedPageInvalid('channel', MAX_PAGE);
    return this.deliveries.redriveAll((channel as Channel | null) ?? null, this.clock.now());
  }
}
