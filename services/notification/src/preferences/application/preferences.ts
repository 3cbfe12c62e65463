import { Controller, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CommandHandler } from '@serang/eventstore';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { CLOCK, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { NotificationPreferences, type NotificationPreferencesSet, type PreferencesState, type QuietHours } from '../domain/preferences.aggregate';
import { ensurePreferencesTable, PreferencesRepository } from '../infra/preferences.repository';

/** A person sets their own preferences on the one write path; the answer is the decided state (no projection lag). */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly handler: CommandHandler,
    private readonly repository: PreferencesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async set(user: AuthUser, optedOutChannels: string[], quietHours: QuietHours | null, traceparent?: string): Promise<PreferencesState> {
    const { state } = await this.handler.handle(
      NotificationPreferences,
      user.id,
      {
        type: 'SetNotificationPreferences',
        data: { personId: user.id, optedOutChannels, quietHours },
        metadata: {
          now: this.clock.now(),
          actor: { id: user.id, role: user.roles[0] ?? 'CITIZEN', ...(user.agency ? { agency: user.agency } : {}) },
          traceparent,
        },
      },
      // Setting one's own preferences twice at once: the later one wins, nothing the caller saw is lost.
      { retryWhen: () => true },
    );
    return state;
  }

  mine(user: AuthUser, db: Pool): Promise<PreferencesState> {
    return this.repository.of(db, user.id);
  }
}

/** notification.preferences from the `notificationprefs` streams. */
@Controller()
export class PreferencesProjection implements OnModuleInit {
  constructor(
    private readonly repository: PreferencesRepository,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  onModuleInit(): Promise<void> {
    return ensurePreferencesTable(this.db);
  }

  @EventPattern('NotificationPreferencesSet')
  async set(@Payload() e: DeliveredEvent<NotificationPreferencesSet['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await this.repository.put(ctx.tx, e.data.personId, e.data.optedOutChannels, e.data.quietHours, e.data.at);
  }
}
