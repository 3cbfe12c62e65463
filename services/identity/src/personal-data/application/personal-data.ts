import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { InvalidInput, NotAllowed, PersonNotFound } from '../../person';
import { maskNik, revealReasonProblem, staffMaySee } from '../domain/personal-data.policy';
import { PersonalDataQueries, type AccessLogFilter, type AccessLogRow } from '../infra/personal-data.queries';
import { AccessAudit } from './access-audit';
import { PersonReader, type DecryptedProfile, type PersonProfile } from '../../person';

export interface PersonSummary {
  name?: string;
  maskedNik?: string;
}

export type AccessLogEntry = Omit<AccessLogRow, 'reason_ciphertext'> & { reason?: string };

/**
 * Staff reads of a person's data. An officer or agency admin sees only people who have business
 * with their agency, and a platform admin anyone; every read is written to the audit trail before
 * the data is handed out. The summary (name, masked NIK) is what a work screen shows; the rest
 * needs `reveal` with a stated reason.
 */
@Injectable()
export class PersonalDataAccess {
  constructor(
    private readonly persons: PersonReader,
    private readonly queries: PersonalDataQueries,
    private readonly audit: AccessAudit,
    private readonly vault: Vault,
  ) {}

  /**
   * Undefined when the caller may not see this person (the field then shows nothing). `known` is
   * the profile when the caller has just read it (an entity reference), so it is not read again.
   */
  async summary(caller: AuthUser, subjectId: string, traceparent?: string, known?: PersonProfile): Promise<PersonSummary | undefined> {
    if (!staffMaySee(caller, await this.queries.agenciesOf(subjectId))) return undefined;
    const profile = known ?? (await this.persons.profile(subjectId));
    if (!profile || profile.status === 'ERASED') return {};
    await this.audit.record({ reader: caller, subjectId, purpose: 'VIEW_SUMMARY', fields: ['name', 'nikMasked'] }, traceparent);
    const p = await this.persons.open(profile, ['name', 'nik']);
    return { name: p.name, maskedNik: p.nik ? maskNik(p.nik) : undefined };
  }

  async reveal(caller: AuthUser, subjectId: string, reason: string, traceparent?: string): Promise<DecryptedProfile> {
    const problem = revealReasonProblem(reason);
    if (problem) throw new InvalidInput({ reason: problem });
    if (!staffMaySee(caller, await this.queries.agenciesOf(subjectId))) throw new NotAllowed('no business with this person');
    const p = await this.persons.profile(subjectId);
    if (!p || p.status === 'ERASED') throw new PersonNotFound(subjectId);
    const fields = Object.keys(p.ciphertexts);
    const reasonCiphertext = await this.vault.encrypt(subjectId, 'accessReason', reason.trim());
    await this.audit.record({ reader: caller, subjectId, purpose: 'REVEAL', fields, reasonCiphertext }, traceparent);
    return this.persons.open(p);
  }

  /**
   * The audit trail: a platform admin reads all of it; an agency admin the reads by their
   * agency's staff; a citizen every read of their own data (who looked at me, and why).
   */
  async log(caller: AuthUser, filter: Omit<AccessLogFilter, 'actorAgency'>): Promise<AccessLogEntry[]> {
    let f: AccessLogFilter;
    if (caller.roles.includes('PLATFORM_ADMIN')) f = filter;
    else if (caller.roles.includes('AGENCY_ADMIN') && caller.agency) f = { ...filter, actorAgency: caller.agency };
    else if (caller.roles.includes('CITIZEN')) f = { ...filter, subjectId: caller.id };
    else throw new NotAllowed('may not read the access log');
    const rows = await this.queries.accessLog(f);
    return Promise.all(
      rows.map(async ({ reason_ciphertext, ...row }) => ({
        ...row,
        reason: reason_ciphertext ? await this.openReason(row.subject_id, reason_ciphertext) : undefined,
      })),
    );
  }

  private async openReason(subjectId: string, ciphertext: string): Promise<string | undefined> {
    try {
      return await this.vault.decrypt(subjectId, 'accessReason', ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return undefined; // the reason went with the person; the record stays
      throw e;
    }
  }
}
