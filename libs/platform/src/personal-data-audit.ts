import type { EventStore } from '@serang/eventstore';
import type { Clock } from './events';
import { toNewEvents } from './events';

/** One read of a person's data by someone else, as the audit trail records it. */
export interface PersonalDataRead {
  /** Who read: a person, an agency system or an OIDC client, with the role and agency they acted in. */
  reader: { id: string; role: string; agency?: string };
  subjectId: string;
  /** VIEW_SUMMARY, REVEAL, FORM_READ, DOCUMENT_READ, OIDC_CLAIMS… */
  purpose: string;
  fields: readonly string[];
  /** The reader's stated reason, already a vault ciphertext under the subject's key. */
  reasonCiphertext?: string;
  applicationId?: string;
}

/**
 * Appends a `PersonalDataAccessed` event (proto/serang/audit/v1) to the reader's stream of the
 * service's own audit category (`identityaccess-<reader>`, `requestaccess-<reader>`). Services call
 * it BEFORE handing the data out: no record, no data. Identity folds every service's entries into
 * the log platform admins (and the citizen concerned) read.
 */
export async function recordPersonalDataRead(store: EventStore, opts: { service: string; category: string; tenant: string; clock: Clock; traceparent?: string }, read: PersonalDataRead): Promise<void> {
  const now = opts.clock.now();
  const { reader } = read;
  const data = {
    subjectId: read.subjectId,
    actorId: reader.id,
    actorRole: reader.role,
    ...(reader.agency ? { actorAgency: reader.agency } : {}),
    service: opts.service,
    purpose: read.purpose,
    fields: [...read.fields],
    ...(read.reasonCiphertext ? { reasonCiphertext: read.reasonCiphertext } : {}),
    ...(read.applicationId ? { applicationId: read.applicationId } : {}),
    at: now.toISOString(),
  };
  await store.append(`${opts.category}-${reader.id}`, toNewEvents([{ type: 'PersonalDataAccessed', data }], { now, tenant: opts.tenant, actor: reader, traceparent: opts.traceparent }), 'any');
}
