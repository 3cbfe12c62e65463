import type { Aggregate, Command, CommandHandler, DomainEvent } from '@serang/eventstore';

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

export type RecordPersonalDataRead = Command<'RecordPersonalDataRead', { service: string; read: PersonalDataRead }>;
export type PersonalDataAccessed = DomainEvent<
  'PersonalDataAccessed',
  {
    subjectId: string;
    actorId: string;
    actorRole: string;
    actorAgency?: string;
    service: string;
    purpose: string;
    fields: string[];
    reasonCiphertext?: string;
    applicationId?: string;
    at: string;
  }
>;

/**
 * The audit trail of one reader in one service (`identityaccess-<reader>`, `requestaccess-<reader>`):
 * a record of facts, never refused and never read back by its writer, so it holds no state.
 * Identity folds every service's entries into the log platform admins (and the citizen concerned) read.
 */
export function personalDataAudit(category: 'identityaccess' | 'requestaccess'): Aggregate<RecordPersonalDataRead, PersonalDataAccessed, null> {
  return {
    category,
    initialState: null,
    evolve: () => null,
    decide: ({ data: { service, read }, metadata }) => [
      {
        type: 'PersonalDataAccessed',
        data: {
          subjectId: read.subjectId,
          actorId: read.reader.id,
          actorRole: read.reader.role,
          ...(read.reader.agency ? { actorAgency: read.reader.agency } : {}),
          service,
          purpose: read.purpose,
          fields: [...read.fields],
          ...(read.reasonCiphertext ? { reasonCiphertext: read.reasonCiphertext } : {}),
          ...(read.applicationId ? { applicationId: read.applicationId } : {}),
          at: metadata.now.toISOString(),
        },
      },
    ],
  };
}

/**
 * Appends a `PersonalDataAccessed` event (proto/serang/audit/v1) to the reader's audit stream.
 * Services call it BEFORE handing the data out: no record, no data.
 */
export async function recordPersonalDataRead(
  handler: CommandHandler,
  audit: ReturnType<typeof personalDataAudit>,
  opts: { service: string; now: Date; traceparent?: string },
  read: PersonalDataRead,
): Promise<void> {
  const metadata = { now: opts.now, actor: read.reader, ...(opts.traceparent ? { traceparent: opts.traceparent } : {}) };
  await handler.handle(
    audit,
    read.reader.id,
    { type: 'RecordPersonalDataRead', data: { service: opts.service, read }, metadata },
    { unconditional: true },
  );
}
