import { Injectable } from '@nestjs/common';
import { AccessAudit } from './access-audit';
import { PersonReader } from '../../person';

/** What a channel needs to reach a person; nothing else of them. */
export interface Contact {
  email?: string;
  phone?: string;
}

/** The notification service as an audit trail names it: a machine reader, not a person. */
const NOTIFICATION_READER = { id: 'service:notification', roles: ['SYSTEM'] };

/**
 * Contact data for notification, read at send time so a changed address is used from the next
 * message on and an erased person is never reached. Each read is written to the audit trail
 * (purpose NOTIFY, the fields handed out) before the data leaves. Null: nobody to reach (no such
 * person, or erased).
 */
@Injectable()
export class ContactDirectory {
  constructor(
    private readonly persons: PersonReader,
    private readonly audit: AccessAudit,
  ) {}

  async contactFor(personId: string, traceparent?: string): Promise<Contact | null> {
    const p = await this.persons.profile(personId);
    if (!p || p.status === 'ERASED') return null;
    const fields = (['email', 'phone'] as const).filter((f) => p.ciphertexts[f]);
    if (fields.length) await this.audit.record({ reader: NOTIFICATION_READER, subjectId: personId, purpose: 'NOTIFY', fields }, traceparent);
    const open = await this.persons.open(p, fields);
    return { ...(open.email ? { email: open.email } : {}), ...(open.phone ? { phone: open.phone } : {}) };
  }
}
