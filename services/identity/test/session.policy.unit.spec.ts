import { judgeRefresh, sessionRevocations, type SessionRecord } from '../src/person/domain/session.policy';

const now = new Date('2026-03-02T01:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  id: '0190a000-0000-7000-8000-00000000000a',
  personId: 'p1',
  familyId: 'f1',
  createdAt: ago(60_000),
  expiresAt: new Date(now.getTime() + 3_600_000),
  ...over,
});

describe('refresh-token rotation', () => {
  it('rotates a fresh token, calls a used one reuse, and refuses expired and revoked ones', () => {
    expect(judgeRefresh(session(), now)).toBe('rotate');
    expect(judgeRefresh(session({ usedAt: ago(1000) }), now)).toBe('reuse');
    expect(judgeRefresh(session({ expiresAt: now }), now)).toBe('expired');
    expect(judgeRefresh(session({ usedAt: ago(1000), revokedAt: ago(500) }), now)).toBe('revoked');
  });

  it('announces the revocation of sessions whose access tokens may still be alive, and only those', () => {
    const ttl = 900_000;
    const events = sessionRevocations(
      [session({ id: 'live' }), session({ id: 'old', createdAt: ago(ttl + 120_000) }), session({ id: 'done', revokedAt: ago(1) })],
      'LOGOUT',
      now,
      ttl,
    );
    expect(events).toEqual([{ type: 'SessionRevoked', data: { sessionId: 'live', personId: 'p1', revokedAt: now.toISOString(), reason: 'LOGOUT' } }]);
  });
});
