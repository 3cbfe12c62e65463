import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PLATFORM_CONFIG, recordPersonalDataRead, type Clock, type PersonalDataRead, type PlatformConfig } from '@serang/platform';

export type StaffRead = PersonalDataRead & { purpose: 'FORM_READ' | 'DOCUMENT_READ'; applicationId: string };

/**
 * Request's entries of the platform's audit trail (`requestaccess-<reader>`): whenever staff read
 * what a citizen typed into a form or uploaded, written BEFORE the data is handed out.
 */
@Injectable()
export class StaffReads {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(read: StaffRead, traceparent?: string): Promise<void> {
    return recordPersonalDataRead(this.store, { service: 'request', category: 'requestaccess', tenant: this.config.TENANT, clock: this.clock, traceparent }, read);
  }
}
