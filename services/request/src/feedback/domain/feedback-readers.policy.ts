import { DomainError } from '@serang/domain';

/** Staff of one agency asked for another's comments. */
export class FeedbackOtherAgency extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'FEEDBACK.OTHER_AGENCY';
  constructor() {
    super('comments of another agency');
  }
}

/**
 * Whose comments a reader may see: platform admins every agency's (or the one they ask for);
 * officers and agency admins their own agency's only. Authors are never shown to anyone. Pure.
 */
export function commentScope(reader: { roles: readonly string[]; agency?: string }, requested?: string | null): string | null {
  if (reader.roles.includes('PLATFORM_ADMIN')) return requested ?? null;
  if ((reader.roles.includes('OFFICER') || reader.roles.includes('AGENCY_ADMIN')) && reader.agency) {
    if (requested && requested !== reader.agency) throw new FeedbackOtherAgency();
    return reader.agency;
  }
  throw new FeedbackOtherAgency();
}
