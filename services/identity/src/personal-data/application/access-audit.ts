import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, personalDataAudit, recordPersonalDataRead, type AuthUser, type Clock } from '@serang/platform';

const AUDIT = personalDataAudit('identityaccess');

export interface Access {
  reader: Pick<AuthUser, 'id' | 'roles' | 'agency'>;
  subjectId: string;
  purpose: string;
  fields: readonly string[];
  reasonCiphertext?: string;
}

/** Identity's entries of the audit trail (`identityaccess-<reader>`), written before the data is handed out. */
@Injectable()
export class AccessAudit {
  constructor(
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(access: Access, traceparent?: string): Promise<void> {
    // A staff member who is also a citizen reads as staff: the role their work gives them.
    const role = access.reader.roles.find((r) => r !== 'CITIZEN') ?? access.reader.roles[0] ?? 'UNKNOWN';
    await recordPersonalDataRead(
      this.handler,
      AUDIT,
      { service: 'identity', now: this.clock.now(), traceparent },
      {
        reader: { id: access.reader.id, role, ...(access.reader.agency ? { agency: access.reader.agency } : {}) },
        subjectId: access.subjectId,
        purpose: access.purpose,
        fields: access.fields,
        reasonCiphertext: access.reasonCiphertext,
      },
    );
  }
}
