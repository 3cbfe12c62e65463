import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, toNewEvents, type AuthUser, type Clock } from '@serang/platform';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import type { PersonalDataAccessedData } from './relations.projection';

export interface Access {
  reader: Pick<AuthUser, 'id' | 'roles' | 'agency'>;
  subjectId: string;
  purpose: string;
  fields: readonly string[];
  reasonCiphertext?: string;
}

/**
 * Writes identity's entries of the audit trail: one `PersonalDataAccessed` event per read, on
 * the reader's own stream (`identityaccess-<reader>`), BEFORE the data is handed out — no record,
 * no data. Every service writes its own entries the same way; identity's projection folds them
 * all into the log platform admins query.
 */
@Injectable()
export class AccessAudit {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(access: Access, traceparent?: string): Promise<void> {
    const now = this.clock.now();
    const role = access.reader.roles.find((r) => r !== 'CITIZEN') ?? access.reader.roles[0] ?? 'UNKNOWN';
    const data: PersonalDataAccessedData = {
      subjectId: access.subjectId,
      actorId: access.reader.id,
      actorRole: role,
      ...(access.reader.agency ? { actorAgency: access.reader.agency } : {}),
      service: 'identity',
      purpose: access.purpose,
      fields: [...access.fields],
      ...(access.reasonCiphertext ? { reasonCiphertext: access.reasonCiphertext } : {}),
      at: now.toISOString(),
    };
    const actor = { id: access.reader.id, role, ...(access.reader.agency ? { agency: access.reader.agency } : {}) };
    await this.store.append(`identityaccess-${access.reader.id}`, toNewEvents([{ type: 'PersonalDataAccessed', data }], { now, tenant: this.config.TENANT, actor, traceparent }), 'any');
  }
}
