import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, load, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PG_POOL, type AuthUser, type Clock } from '@serang/platform';
import type { Pool } from 'pg';
import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { AgencySystem, type AgencySystemState } from '../domain/agency-system.decider';
import { AgencySystemNotFound, ClientCredentialsInvalid, InvalidInput } from '../../person';
import { agencyInScope, assertManagesAgency } from '../../person';
import { IDENTITY_CONFIG, type IdentityConfig } from '../../identity.config';
import { AgencySystemsRepository } from '../infra/agency-systems.repository';
import { NameClaimsRepository } from '../../person';
import { newSecret, secretDigest, secretMatches } from '../../person';
import { withPersonLock } from '../../person';
import { SessionsRepository } from '../../sessions';
import { StaffQueries } from '../../staff';
import { actorOf } from '../../person';
import { SessionCheck } from '../../sessions';
import { SessionIssuer } from '../../sessions';

export const agencySystemStream = (systemId: string): string => `agencysystem-${systemId}`;

export interface NewAgencySystem {
  systemId: string;
  agencyId: string;
  name: string;
  clientId: string;
  /** Shown once, here; identity keeps only its sha256 (infra/secrets.ts). */
  clientSecret: string;
}

/**
 * Agency systems: an agency's existing app becomes a machine client of the platform. Its
 * credentials get short-lived access tokens (client credentials grant) with the AGENCY_SYSTEM
 * role and its agency, which is all any service looks at. Revoking it kills its live tokens at
 * the gateway within seconds, as a logout does.
 */
@Injectable()
export class AgencySystems {
  constructor(
    private readonly repository: AgencySystemsRepository,
    private readonly staff: StaffQueries,
    private readonly sessions: SessionsRepository,
    private readonly check: SessionCheck,
    private readonly issuer: SessionIssuer,
    private readonly names: NameClaimsRepository,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(caller: AuthUser, agencyId: string, name: string, traceparent?: string): Promise<NewAgencySystem> {
    assertManagesAgency(caller, agencyId);
    if (!(await this.staff.agencyName(agencyId))) throw new InvalidInput({ agencyId: 'IDENTITY.AGENCY_UNKNOWN' });
    const systemId = uuidv7();
    const now = this.clock.now();
    const clientId = `sys_${randomBytes(12).toString('hex')}`;
    const clientSecret = newSecret();
    let registeredName = name;
    try {
      await this.handler.handle(
        AgencySystem,
        systemId,
        { type: 'RegisterAgencySystem', data: { systemId, agencyId, name, by: caller.id }, metadata: { now, actor: actorOf(caller), traceparent } },
        {
          creating: true,
          // The name as decided (normalised) is claimed, then the credentials stored: a system whose
          // event failed has credentials that lead nowhere (no live state), and its name is released.
          beforeAppend: async ([registered]) => {
            if (registered.type === 'AgencySystemRegistered') registeredName = registered.data.name;
            await this.names.claimOrTakeOver(`agency-system:${agencyId}`, registeredName, systemId, agencySystemStream);
            await this.repository.storeCredentials(systemId, clientId, secretDigest(clientSecret));
          },
        },
      );
    } catch (e) {
      await this.names.release(systemId);
      throw e;
    }
    return { systemId, agencyId, name: registeredName, clientId, clientSecret };
  }

  async revoke(caller: AuthUser, systemId: string, traceparent?: string): Promise<AgencySystemState> {
    const guard = (state: AgencySystemState) => {
      if (state.status === 'NONE') throw new AgencySystemNotFound();
      assertManagesAgency(caller, state.agencyId);
    };
    guard((await this.load(systemId)).state); // before taking its lock: a stranger learns nothing more
    await withPersonLock(this.db, systemId, async (tx) => {
      const now = this.clock.now();
      const live = await this.sessions.unrevokedOfPerson(systemId, tx);
      // In the system's transaction: undone if the decision refuses or the append fails.
      await this.sessions.revoke(
        live.map((s) => s.id),
        now,
        'SYSTEM_REVOKED',
        tx,
      );
      await this.repository.dropCredentials(systemId, tx);
      await this.names.release(systemId, tx);
      const data = { systemId, by: caller.id, sessions: live, accessTokenTtlMs: this.config.AGENCY_SYSTEM_TOKEN_TTL_SECONDS * 1000 };
      await this.handler.handle(
        AgencySystem,
        systemId,
        { type: 'RevokeAgencySystem', data, metadata: { now, actor: actorOf(caller), traceparent } },
        { guard },
      );
      this.check.forget(live.map((s) => s.id));
    });
    return (await this.load(systemId)).state;
  }

  /** Client credentials → an access token. Unknown id, wrong secret and revoked system answer alike. */
  async token(clientId: string, clientSecret: string): Promise<{ accessToken: string; expiresAt: Date }> {
    const found = /^sys_[0-9a-f]{24}$/.test(clientId) ? await this.repository.credentialsOf(clientId) : undefined;
    if (!found || !secretMatches(found.secretHash, clientSecret)) throw new ClientCredentialsInvalid();
    // Under the system's lock: a revocation committing meanwhile either sees this session (and
    // revokes it) or is seen by it (no token), never neither.
    const { agencyId, session } = await withPersonLock(this.db, found.systemId, async (tx) => {
      const { state } = await this.load(found.systemId);
      if (state.status !== 'ACTIVE') throw new ClientCredentialsInvalid();
      return { agencyId: state.agencyId, session: await this.issuer.openMachine(found.systemId, tx) };
    });
    return this.issuer.machineToken(found.systemId, agencyId, this.config.TENANT, session);
  }

  async list(caller: AuthUser, agencyId: string | undefined) {
    const agency = agencyInScope(caller, agencyId);
    assertManagesAgency(caller, agency);
    return this.repository.list(agency);
  }

  private load(systemId: string): Promise<{ state: AgencySystemState }> {
    return load(this.store, AgencySystem, systemId);
  }
}
