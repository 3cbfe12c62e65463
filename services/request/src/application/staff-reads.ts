import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, personalDataAudit, recordPersonalDataRead, type Clock, type PersonalDataRead } from '@serang/platform';

const AUDIT = personalDataAudit('requestaccess');

export type StaffRead = PersonalDataRead & { purpose: 'FORM_READ' | 'DOCUMENT_READ'; applicationId: string };

/**
 * Request's entries of the platform's audit trail (`requestaccess-<reader>`): whenever staff read
 * what a citizen typed into a form or uploaded, written BEFORE the data is handed out.
 */
@Injectable()
export class StaffReads {
  constructor(
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(read: StaffRead, traceparent?: string): Promise<void> {
    return recordPersonalDataRead(this.handler, AUDIT, { service: 'request', now: this.clock.now(), traceparent }, read);
  }
}
