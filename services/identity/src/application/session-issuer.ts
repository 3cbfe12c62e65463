import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../domain/identity.events';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { SessionsRepository } from '../infra/sessions.repository';
import { SigningKeys } from '../infra/signing-keys';

/** What registration and login answer (GraphQL's AuthPayload). */
export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  user: { id: string; roles: Role[] };
}

export interface Principal {
  personId: string;
  roles: readonly Role[];
  agencyId?: string;
}

/** Starts a session: a stored refresh-token hash and a signed access token naming the session. */
@Injectable()
export class SessionIssuer {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly keys: SigningKeys,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async start(p: Principal, tenant: string): Promise<AuthResult> {
    const now = this.clock.now();
    const sessionId = uuidv7();
    const refreshToken = randomBytes(32).toString('base64url');
    await this.sessions.insert({
      id: sessionId,
      personId: p.personId,
      refreshTokenHash: createHash('sha256').update(refreshToken).digest(),
      familyId: uuidv7(), // a new login starts a new family; refreshes (next issue) stay in it
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
    });
    const accessTokenExpiresAt = new Date(now.getTime() + this.config.ACCESS_TOKEN_TTL_SECONDS * 1000);
    const accessToken = await this.keys.sign({
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      subject: p.personId,
      sessionId,
      roles: p.roles,
      agency: p.agencyId,
      tenant,
      issuedAt: now,
      expiresAt: accessTokenExpiresAt,
    });
    return { accessToken, refreshToken, accessTokenExpiresAt, user: { id: p.personId, roles: [...p.roles] } };
  }
}
