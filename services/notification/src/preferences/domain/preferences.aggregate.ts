import { DomainError } from '@serang/domain';
import type { Actor, Aggregate, Command, DomainEvent } from '@serang/eventstore';

/** The channels a person may turn off. The in-app inbox is always on: it is where every message stays. */
export const OPTIONAL_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type OptionalChannel = (typeof OPTIONAL_CHANNELS)[number];

/** Quiet hours in Asia/Jakarta, as minutes after midnight; `start > end` spans midnight (22:00–06:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** A person's choices of how notification reaches them (stream `notificationprefs-<personId>`). */
export interface PreferencesState {
  optedOut: OptionalChannel[];
  quietHours: QuietHours | null;
}

export type NotificationPreferencesSet = DomainEvent<
  'NotificationPreferencesSet',
  { personId: string; optedOutChannels: string[]; quietHours: QuietHours | null; at: string }
>;
export type PreferencesEvent = NotificationPreferencesSet;

/** A person sets their own preferences (the token decides whose). */
export type SetNotificationPreferences = Command<
  'SetNotificationPreferences',
  { personId: string; optedOutChannels: string[]; quietHours: QuietHours | null },
  Actor
>;
export type PreferencesCommand = SetNotificationPreferences;

export class PreferencesInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'NOTIFICATION.PREFERENCES_INVALID';
  override readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super(`preferences invalid: ${Object.keys(fields).join(', ')}`);
    this.fields = fields;
  }
}

const validMinute = (m: number) => Number.isInteger(m) && m >= 0 && m < 24 * 60;

/** Decides a person's preferences. Pure. Setting the same ones again decides nothing. */
export function decide(command: PreferencesCommand, state: PreferencesState): PreferencesEvent[] {
  const { personId, optedOutChannels, quietHours } = command.data;
  if (command.metadata.actor.id !== personId) throw new Error('preferences are set by their own person only');
  const unknown = optedOutChannels.filter((c) => !(OPTIONAL_CHANNELS as readonly string[]).includes(c));
  if (unknown.length) throw new PreferencesInvalid({ optedOutChannels: 'NOTIFICATION.CHANNEL_UNKNOWN' });
  if (quietHours && (!validMinute(quietHours.startMinute) || !validMinute(quietHours.endMinute) || quietHours.startMinute === quietHours.endMinute))
    throw new PreferencesInvalid({ quietHours: 'NOTIFICATION.QUIET_HOURS_INVALID' });
  const optedOut = OPTIONAL_CHANNELS.filter((c) => optedOutChannels.includes(c));
  const same = optedOut.join() === state.optedOut.join() && JSON.stringify(quietHours ?? null) === JSON.stringify(state.quietHours ?? null);
  if (same) return [];
  return [{ type: 'NotificationPreferencesSet', data: { personId, optedOutChannels: optedOut, quietHours, at: command.metadata.now.toISOString() } }];
}

export function evolve(state: PreferencesState, event: PreferencesEvent): PreferencesState {
  switch (event.type) {
    case 'NotificationPreferencesSet':
      return { optedOut: event.data.optedOutChannels as OptionalChannel[], quietHours: event.data.quietHours };
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown event ${String(unknown)}`);
    }
  }
}

/** A person's notification preferences on the one write path: stream `notificationprefs-<personId>`. */
export const NotificationPreferences: Aggregate<PreferencesCommand, PreferencesEvent, PreferencesState> = {
  category: 'notificationprefs',
  initialState: { optedOut: [], quietHours: null },
  decide,
  evolve,
};
