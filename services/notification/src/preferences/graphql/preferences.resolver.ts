import { Inject } from '@nestjs/common';
import { Args, Context, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { currentTraceparent, PG_POOL, requireUser, type RequestContext } from '@serang/platform';
import type { Pool } from 'pg';
import { PreferencesService } from '../application/preferences';
import type { PreferencesState } from '../domain/preferences.aggregate';

@ObjectType('QuietHours', { description: 'Quiet hours in Asia/Jakarta: non-urgent messages wait until they end (the inbox gets them at once)' })
export class QuietHoursGql {
  @Field(() => Int, { description: 'Minutes after midnight (WIB), e.g. 1320 for 22:00' })
  startMinute!: number;
  @Field(() => Int, { description: 'Minutes after midnight (WIB), e.g. 360 for 06:00; before the start: the quiet spans midnight' })
  endMinute!: number;
}

@InputType()
export class QuietHoursInput {
  @Field(() => Int)
  startMinute!: number;
  @Field(() => Int)
  endMinute!: number;
}

@ObjectType('NotificationPreferences', { description: 'How notification reaches the caller beyond the in-app inbox (which is always on)' })
export class NotificationPreferencesGql {
  @Field(() => [String], { description: 'Channels the caller turned off: email, sms, whatsapp' })
  optedOutChannels!: string[];
  @Field(() => QuietHoursGql, { nullable: true })
  quietHours!: QuietHoursGql | null;
}

@InputType()
export class NotificationPreferencesInput {
  @Field(() => [String])
  optedOutChannels!: string[];
  @Field(() => QuietHoursInput, { nullable: true, description: 'Null: no quiet hours' })
  quietHours?: QuietHoursInput | null;
}

const toGql = (s: PreferencesState): NotificationPreferencesGql => ({ optedOutChannels: s.optedOut, quietHours: s.quietHours });

/** Every signed-in person's own preferences: the token decides whose. */
@Resolver()
export class PreferencesResolver {
  constructor(
    private readonly preferences: PreferencesService,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  @Query(() => NotificationPreferencesGql, { description: "The caller's channel preferences and quiet hours" })
  async myNotificationPreferences(@Context() ctx: RequestContext): Promise<NotificationPreferencesGql> {
    return toGql(await this.preferences.mine(requireUser(ctx), this.db));
  }

  @Mutation(() => NotificationPreferencesGql, { description: "Sets the caller's opted-out channels and quiet hours (the inbox always stays on)" })
  async updateNotificationPreferences(
    @Args('input') input: NotificationPreferencesInput,
    @Context() ctx: RequestContext,
  ): Promise<NotificationPreferencesGql> {
    const user = requireUser(ctx);
    return toGql(await this.preferences.set(user, input.optedOutChannels, input.quietHours ?? null, currentTraceparent(ctx.traceparent)));
  }
}
