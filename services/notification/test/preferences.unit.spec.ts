import { deciderSpec } from '@serang/testing';
import { NotificationPreferences, PreferencesInvalid } from '../src/preferences/domain/preferences.aggregate';
import { sendableAt } from '../src/preferences/domain/delivery-timing';

const spec = deciderSpec(NotificationPreferences);
const now = new Date('2026-12-03T15:30:00.000Z'); // 22:30 WIB
const me = { id: 'person-1', role: 'CITIZEN' };
const set = (optedOutChannels: string[], quietHours: { startMinute: number; endMinute: number } | null = null) => ({
  type: 'SetNotificationPreferences' as const,
  data: { personId: 'person-1', optedOutChannels, quietHours },
  metadata: { now, actor: me },
});
const night = { startMinute: 22 * 60, endMinute: 6 * 60 };

describe('notification preferences decider', () => {
  it('records the channels turned off (in a fixed order) and the quiet hours', () =>
    spec([])
      .when(set(['whatsapp', 'email'], night))
      .then([
        {
          type: 'NotificationPreferencesSet',
          data: { personId: 'person-1', optedOutChannels: ['email', 'whatsapp'], quietHours: night, at: now.toISOString() },
        },
      ]));
  it('decides nothing when nothing changes', () =>
    spec([
      { type: 'NotificationPreferencesSet', data: { personId: 'person-1', optedOutChannels: ['sms'], quietHours: night, at: now.toISOString() } },
    ])
      .when(set(['sms'], night))
      .then([]));
  it('refuses unknown channels (the inbox cannot be turned off) and impossible quiet hours', () => {
    spec([])
      .when(set(['inbox']))
      .thenThrows(PreferencesInvalid, { fields: { optedOutChannels: 'NOTIFICATION.CHANNEL_UNKNOWN' } });
    spec([])
      .when(set([], { startMinute: 60, endMinute: 60 }))
      .thenThrows(PreferencesInvalid, { fields: { quietHours: 'NOTIFICATION.QUIET_HOURS_INVALID' } });
    spec([])
      .when(set([], { startMinute: 0, endMinute: 1440 }))
      .thenThrows(PreferencesInvalid);
  });
});

describe('quiet hours (Asia/Jakarta)', () => {
  it('holds a non-urgent message until the quiet ends, across midnight', () => {
    // 22:30 WIB on 3 December, quiet 22:00–06:00: it goes at 06:00 WIB on 4 December = 23:00 UTC on the 3rd.
    expect(sendableAt(now, 'APPLICATION_APPROVED', night).toISOString()).toBe('2026-12-03T23:00:00.000Z');
    // 05:00 WIB on 4 December (22:00 UTC on the 3rd): still quiet, the same 06:00.
    expect(sendableAt(new Date('2026-12-03T22:00:00.000Z'), 'APPLICATION_APPROVED', night).toISOString()).toBe('2026-12-03T23:00:00.000Z');
  });
  it('sends at once outside the quiet hours, without them, and for urgent kinds', () => {
    const noon = new Date('2026-12-03T05:00:00.000Z'); // 12:00 WIB
    expect(sendableAt(noon, 'APPLICATION_APPROVED', night)).toBe(noon);
    expect(sendableAt(now, 'APPLICATION_APPROVED', null)).toBe(now);
    expect(sendableAt(now, 'REVISION_REQUESTED', night)).toBe(now);
    expect(sendableAt(now, 'SLA_BREACHED', night)).toBe(now);
  });
  it('handles a window within one day', () => {
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60 };
    expect(sendableAt(new Date('2026-12-03T05:30:00.000Z'), 'APPLICATION_CLAIMED', lunch).toISOString()).toBe('2026-12-03T06:00:00.000Z');
  });
});
