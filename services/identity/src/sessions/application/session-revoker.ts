import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type Actor } from '@serang/eventstore';
import type { PoolClient } from 'pg';
import type { SessionRevokeReason } from '../../person';
import { Person } from '../../person';
import type { SessionRecord } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { SessionsRepository } from '../infra/sessions.repository';
import { SessionCheck } from './session-check';

export interface Revocation {
  personId: string;
  sessions: readonly SessionRecord[];
  reason: SessionRevokeReason;
  now: Date;
  actor: Actor;
  traceparent?: string;
}

/**
 * Revokes sessions inside the caller's person transaction: marks the rows, then appends
 * SessionRevoked to the person's stream (`person-<id>`) before the transaction commits. If the
 * append fails, nothing is revoked and the caller gets the error; an event is never missing for a
 * revoked row (a commit failing after the append leaves an early event, which only errs on the
 * safe side).
 */
@Injectable()
export class SessionRevoker {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly check: SessionCheck,
    private readonly handler: CommandHandler,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async revoke(r: Revocation, tx: PoolClient): Promise<void> {
    if (r.sessions.length === 0) return;
    const ids = r.sessions.map((s) => s.id);
    await this.sessions.revoke(ids, r.now, r.reason, tx);
    // Unconditional: a revocation holds whatever the person's other history says; the person lock orders revocations.
    await this.handler.handle(
      Person,
      r.personId,
      {
        type: 'RecordSessionRevocations',
        data: { reason: r.reason, sessions: r.sessions, accessTokenTtlMs: this.config.ACCESS_TOKEN_TTL_SECONDS * 1000 },
        metadata: { now: r.now, actor: r.actor, traceparent: r.traceparent },
      },
      { unconditional: true },
    );
    this.check.forget(ids);
  }
}
