import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import type { ApplicationActor } from '../domain/application.decider';
import { actingRole, STAFF_ROLES } from '../domain/staff-roles';
import { ApplicationStreams } from './application-streams';
import { NOT_KEPT } from './staff-actions';
import { StaffReads } from './staff-reads';
import { formField } from './submit-application';

/** The caller as an actor on applications, in the role they act in (domain/staff-roles.ts). */
export function actorOf(user: AuthUser): ApplicationActor {
  return { id: user.id, role: actingRole(user.roles), ...(user.agency ? { agency: user.agency } : {}) };
}

export const isStaffOf = (user: AuthUser | undefined, agencyId: string): boolean =>
  !!user && user.agency === agencyId && STAFF_ROLES.some((r) => user.roles.includes(r));
export const isApplicantOf = (user: AuthUser | undefined, applicantId: string): boolean =>
  !!user && user.id === applicantId && user.roles.includes('CITIZEN');

/** What of an application (a read-model row or a stream's state) its personal data is read from. */
export interface ApplicationRecord {
  id: string;
  agencyId: string;
  applicantId: string;
  /** Absent when the row did not carry it: read from the stream. */
  formCiphertext?: string;
  outputReferenceCiphertext?: string | null;
  timeline: ReadonlyArray<{ version: number; note: string | null }>;
}

/**
 * The applicant's personal data in an application — the form, the notes, the output reference —
 * as the caller may see it: the applicant and their agency's staff, nobody else; every staff read
 * of the form written to the audit trail BEFORE it is handed out; an erased applicant's data gone
 * (nothing shown, nothing audited). One per request: whether an applicant was erased is asked of
 * the key table once per applicant however many fields and rows ask.
 */
export class ApplicantData {
  private readonly erased = new Map<string, Promise<boolean>>();

  constructor(
    private readonly caller: AuthUser | undefined,
    private readonly traceparent: string | undefined,
    private readonly streams: ApplicationStreams,
    private readonly reads: StaffReads,
    private readonly vault: Vault,
  ) {}

  /** The form's answers as JSON text. */
  async formData(a: ApplicationRecord): Promise<string | null> {
    const own = isApplicantOf(this.caller, a.applicantId);
    if (!own && !isStaffOf(this.caller, a.agencyId)) return null;
    const ciphertext = a.formCiphertext ?? (await this.streams.load(a.id)).formCiphertext;
    if (!own && (await this.isErased(a.applicantId))) return null;
    if (!own)
      await this.reads.record(
        { reader: actorOf(this.caller!), subjectId: a.applicantId, purpose: 'FORM_READ', fields: ['form'], applicationId: a.id },
        this.traceparent,
      );
    return this.open(a.applicantId, formField(a.id), ciphertext);
  }

  /** The output's reference once completed (e.g. the issued card's number). */
  async outputReference(a: ApplicationRecord): Promise<string | null> {
    if (!this.maySee(a) || (await this.isErased(a.applicantId))) return null;
    const ciphertext =
      a.outputReferenceCiphertext !== undefined ? a.outputReferenceCiphertext : (await this.streams.load(a.id)).outputReferenceCiphertext;
    return ciphertext ? this.open(a.applicantId, `application:${a.id}:output`, ciphertext) : null;
  }

  /** Each timeline step's note (null where there is none or the caller may not read it), in timeline order. */
  async notes(a: ApplicationRecord): Promise<Array<string | null>> {
    const mayRead = this.maySee(a) && !(a.timeline.some((t) => t.note) && (await this.isErased(a.applicantId)));
    return Promise.all(a.timeline.map((t) => (t.note && mayRead ? this.open(a.applicantId, `application:${a.id}:note:${t.version}`, t.note) : null)));
  }

  private maySee(a: ApplicationRecord): boolean {
    return isApplicantOf(this.caller, a.applicantId) || isStaffOf(this.caller, a.agencyId);
  }

  private isErased(applicantId: string): Promise<boolean> {
    let answer = this.erased.get(applicantId);
    if (!answer) this.erased.set(applicantId, (answer = this.vault.isErased(applicantId)));
    return answer;
  }

  /** An erased applicant's data is gone: the field shows nothing rather than failing the answer. */
  private async open(personId: string, field: string, ciphertext: string): Promise<string | null> {
    if (ciphertext === NOT_KEPT) return null;
    try {
      return await this.vault.decrypt(personId, field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return null;
      throw e;
    }
  }
}

/** Makes the per-request ApplicantData. */
@Injectable()
export class ApplicantDataReader {
  constructor(
    private readonly streams: ApplicationStreams,
    private readonly reads: StaffReads,
    private readonly vault: Vault,
  ) {}

  for(caller: AuthUser | undefined, traceparent?: string): ApplicantData {
    return new ApplicantData(caller, traceparent, this.streams, this.reads, this.vault);
  }
}
