import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import type { PoolClient } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { newSecret, secretDigest } from '../../person';
import { SessionsRepository, type NewSession } from '../infra/sessions.repository';
import { SigningKeys } from '../infra/signing-keys';

/** What registration, login, refresh and password change answer (GraphQL's AuthPayload). */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  /** `agencyId` as in the access token, so a staff client need not decode the token to learn it. */
  user: { id: string; roles: Role[]; agencyId?: string };
}

export interface Principal {
  personId: string;
  roles: readonly Role[];
  agencyId?: string;
}

/** A session row about to be stored, and the refresh token only its holder will ever see. */
export interface MintedSession {
  session: NewSession;
  refreshToken: string;
}

/** Starts sessions: a stored refresh-token hash and a signed access token naming the session. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly keys: SigningKeys,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A new sign-in: a new family, stored and signed (hold no connection when calling this). */
  async start(p: Principal, tenant: string): Promise<AuthResult> {
    const minted = await this.open(p.personId);
    return this.tokens(p, tenant, minted);
  }

  /**
   * A new family's first session, stored through `tx` when the caller holds the person's lock.
   * Sign its tokens with `tokens` once the lock is released: signing may need a connection of
   * its own (the signing key is reloaded now and then), and a flow holding one must not ask.
   */
  async open(personId: string, tx?: PoolClient): Promise<MintedSession> {
    const minted = this.mint(personId, uuidv7(), this.clock.now());
    await this.sessions.insert(minted.session, tx);
    return minted;
  }

  /**
   * An agency system's session: an access token only (client credentials need no refresh token;
   * the stored refresh hash is random and never handed out). The session row is what revocation
   * and the gateway's SessionRevoked feed work with, as for people. Stored through `tx` (the
   * system's lock); sign with `machineToken` after the lock.
   */
  async openMachine(systemId: string, tx: PoolClient): Promise<{ sessionId: string; issuedAt: Date; expiresAt: Date }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.AGENCY_SYSTEM_TOKEN_TTL_SECONDS * 1000);
    const session = { ...this.mint(systemId, uuidv7(), now).session, expiresAt };
    await this.sessions.insert(session, tx);
    return { sessionId: session.id, issuedAt: now, expiresAt };
  }

  async machineToken(
    systemId: string,
    agencyId: string,
    tenant: string,
    s: { sessionId: string; issuedAt: Date; expiresAt: Date },
  ): Promise<{ accessToken: string; expiresAt: Date }> {
    return {
      accessToken: await this.sign({ personId: systemId, roles: ['AGENCY_SYSTEM'], agencyId }, tenant, s.sessionId, s.issuedAt, s.expiresAt),
      expiresAt: s.expiresAt,
    };
  }

  /** The next session of `familyId`, stored through `tx` (a refresh, inside the person's lock). */
  async next(personId: string, familyId: string, now: Date, tx: PoolClient): Promise<MintedSession> {
    const minted = this.mint(personId, familyId, now);
    await this.sessions.insert(minted.session, tx);
    return minted;
  }

  /** Signs the access token of a stored session. */
  async tokens(p: Principal, tenant: string, { session, refreshToken }: MintedSession): Promise<AuthResult> {
    const accessTokenExpiresAt = new Date(session.createdAt.getTime() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const accessToken = await this.sign(p, tenant, session.id, session.createdAt, accessTokenExpiresAt);
    return { accessToken, refreshToken, accessTokenExpiresAt, user: { id: p.personId, roles: [...p.roles], agencyId: p.agencyId } };
  }

  /** An access token naming its session: what people's and agency systems' tokens have in common. */
  private sign(p: Principal, tenant: string, sessionId: string, issuedAt: Date, expiresAt: Date): Promise<string> {
    return this.keys.sign({
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      subject: p.personId,
      sessionId,
      roles: p.roles,
      agency: p.agencyId,
      tenant,
      issuedAt,
      expiresAt,
    });
  }

  private mint(personId: string, familyId: string, now: Date): MintedSession {
    const refreshToken = newSecret();
    return {
      refreshToken,
      session: {
        id: uuidv7(),
        personId,
        refreshTokenHash: secretDigest(refreshToken),
        familyId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
      },
    };
  }
}
