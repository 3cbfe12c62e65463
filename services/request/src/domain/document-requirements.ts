import type { DocumentRequirement } from '@serang/service-definition';
import type { DocumentRef } from './application.events';
import type { DocumentMetadata } from './document';
import type { FieldIssue } from './request.errors';

/**
 * Whether the documents a citizen attaches meet the service's requirements: every required one
 * present, each attached one for a known requirement, at most one per requirement, the caller's
 * own upload (`owned` holds only those), of a type and size the requirement accepts. Reports
 * every problem, under `documents.<CODE>` (or the position, for an unknown requirement).
 */
export function checkDocuments(
  requirements: readonly DocumentRequirement[],
  refs: readonly DocumentRef[],
  owned: readonly DocumentMetadata[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byId = new Map(owned.map((d) => [d.id, d]));
  const seen = new Set<string>();
  refs.forEach((ref, i) => {
    const requirement = requirements.find((r) => r.code === ref.requirement);
    if (!requirement) {
      issues.push({
        field: `documents.${i}.requirement`,
        keyword: 'documentRequirementUnknown',
        params: { requirement: ref.requirement },
        message: 'not a document this service asks for',
      });
      return;
    }
    const field = `documents.${requirement.code}`;
    if (seen.has(requirement.code)) {
      issues.push({ field, keyword: 'documentDuplicate', params: {}, message: 'one document per requirement' });
      return;
    }
    seen.add(requirement.code);
    const doc = byId.get(ref.documentId);
    if (!doc) issues.push({ field, keyword: 'documentNotFound', params: {}, message: 'no such upload of yours' });
    else if (!requirement.mediaTypes.includes(doc.mediaType))
      issues.push({
        field,
        keyword: 'documentType',
        params: { allowed: requirement.mediaTypes.map(shortName).join(', ') },
        message: 'type not accepted',
      });
    else if (doc.size > requirement.maxBytes)
      issues.push({ field, keyword: 'documentTooLarge', params: { limit: megabytes(requirement.maxBytes) }, message: 'too large' });
  });
  for (const r of requirements) {
    if (r.required && !seen.has(r.code))
      issues.push({ field: `documents.${r.code}`, keyword: 'documentRequired', params: { name: r.nameId }, message: `${r.nameEn} is required` });
  }
  return issues;
}

const shortName = (mediaType: string) => ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' })[mediaType] ?? mediaType;
const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;
