import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PLATFORM_CONFIG, toNewEvents, type Clock, type PlatformConfig } from '@serang/platform';

export interface StaffRead {
  reader: { id: string; role: string; agency?: string };
  subjectId: string;
  purpose: 'FORM_READ' | 'DOCUMENT_READ';
  fields: readonly string[];
  applicationId: string;
}

/**
 * Request's entries of the platform's audit trail: whenever staff read what a citizen typed into a
 * form or uploaded, a `PersonalDataAccessed` event goes to the reader's stream
 * (`requestaccess-<reader>`) BEFORE the data is handed out — no record, no data. Identity folds
 * them into the log platform admins (and the citizen) read.
 */
@Injectable()
export class StaffReads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(read: StaffRead, traceparent?: string): Promise<void> {
    const now = this.clock.now();
    const { reader } = read;
    const data = {
      subjectId: read.subjectId,
      actorId: reader.id,
      actorRole: reader.role,
      ...(reader.agency ? { actorAgency: reader.agency } : {}),
      service: 'request',
      purpose: read.purpose,
      fields: [...read.fields],
      applicationId: read.applicationId,
      at: now.toISOString(),
    };
    await this.store.append(`requestaccess-${reader.id}`, toNewEvents([{ type: 'PersonalDataAccessed', data }], { now, tenant: this.config.TENANT, actor: reader, traceparent }), 'any');
  }
}
