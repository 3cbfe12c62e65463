import { REVOCATION_MEMORY_MS, RevokedSessions } from '../src/revoked-sessions';

const at = (iso: string) => new Date(iso);
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('revoked sessions', () => {
  const revokedAt = at('2026-03-01T08:00:00.000Z');

  it('rejects a revoked session until its last access token has expired, plus a minute of skew', () => {
    const revoked = new RevokedSessions();
    expect(revoked.revoke('s1', revokedAt, plus(revokedAt, 500))).toBe(true);
    expect(revoked.isRevoked('s1', plus(revokedAt, 1000))).toBe(true);
    expect(revoked.isRevoked('s1', plus(revokedAt, 15 * 60_000))).toBe(true); // a 15-minute token issued just before
    expect(revoked.isRevoked('s1', plus(revokedAt, 16 * 60_000 - 1))).toBe(true);
    expect(revoked.isRevoked('s1', plus(revokedAt, 16 * 60_000))).toBe(false);
    expect(revoked.size).toBe(0); // dropped once past its expiry
    expect(revoked.isRevoked('other', revokedAt)).toBe(false);
  });

  it('skips revocations already too old to matter (a catch-up read or a Kafka replay)', () => {
    const revoked = new RevokedSessions();
    expect(revoked.revoke('old', revokedAt, plus(revokedAt, REVOCATION_MEMORY_MS))).toBe(false);
    expect(revoked.revoke('bad-date', new Date('not a date'), revokedAt)).toBe(false);
    expect(revoked.size).toBe(0);
    expect(revoked.revoke('recent', revokedAt, plus(revokedAt, REVOCATION_MEMORY_MS - 1))).toBe(true);
    expect(revoked.size).toBe(1);
  });

  it('keeps the later expiry when a session is revoked twice, and prunes the expired ones', () => {
    const revoked = new RevokedSessions();
    revoked.revoke('s1', plus(revokedAt, 5 * 60_000), revokedAt);
    revoked.revoke('s1', revokedAt, revokedAt); // an older duplicate must not shorten it
    revoked.revoke('s2', revokedAt, revokedAt);
    expect(revoked.isRevoked('s1', plus(revokedAt, 20 * 60_000))).toBe(true);
    revoked.prune(plus(revokedAt, 17 * 60_000));
    expect(revoked.size).toBe(1);
    revoked.prune(plus(revokedAt, 21 * 60_000));
    expect(revoked.size).toBe(0);
  });
});
