import { DomainError, type Message } from '@serang/domain';
import type { DefinitionProblem } from '@serang/service-definition';

/* Catalogue's refusals, each with a stable reason and SPEC.md's code (answered by the platform's DomainErrorFilter). */

export class ServiceNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'SERVICE.NOT_FOUND';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} not found`);
    this.params = { id: serviceId };
  }
}

export class AgencyNotFound extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly reason = 'AGENCY.NOT_FOUND';
  override readonly params: { id: string };
  constructor(agencyId: string) {
    super(`agency ${agencyId} not found`);
    this.params = { id: agencyId };
  }
}

/** Only the admins of the service's own agency, and platform admins, author it. */
export class AuthoringForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly reason = 'SERVICE.AUTHORING_FORBIDDEN';
  constructor() {
    super('not an admin of the service’s agency');
  }
}

/** The service's id (its agency and code) is taken: a resent create cannot make a second service. */
export class ServiceAlreadyExists extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'SERVICE.ALREADY_EXISTS';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} already exists`);
    this.params = { id: serviceId };
  }
}

/** The definition (or the service's code and names) breaks the rules: every problem, with its path. */
export class DefinitionInvalid extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  readonly reason = 'SERVICE.DEFINITION_INVALID';
  override readonly fields: Record<string, Message[]>;
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`invalid definition: ${problems.map((p) => `${p.path || '(root)'} ${p.reason}`).join(', ')}`);
    this.fields = definitionFields(problems);
  }
}

/** Publishing needs a draft; the service has none (it is published as it stands). */
export class NoDraftToPublish extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'SERVICE.NO_DRAFT';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} has no draft to publish`);
    this.params = { id: serviceId };
  }
}

/** A retired service takes no new drafts, publications or a second retirement. */
export class ServiceIsRetired extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'SERVICE.RETIRED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} is retired`);
    this.params = { id: serviceId };
  }
}

/** Only a published service can be retired; a draft that was never published is simply not used. */
export class ServiceNotPublished extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'SERVICE.NOT_PUBLISHED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} was never published`);
    this.params = { id: serviceId };
  }
}

/** Someone else changed the service since the caller read it (or at the same moment). */
export class ServiceChanged extends DomainError {
  readonly code = 'CONFLICT';
  readonly reason = 'SERVICE.CHANGED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} changed concurrently`);
    this.params = { id: serviceId };
  }
}

/**
 * path → its problems, each a message key with its values. The document's root (`''`) is the
 * `definitionJson` input itself; two problems at one path are said one after the other.
 */
function definitionFields(problems: readonly DefinitionProblem[]): Record<string, Message[]> {
  const fields: Record<string, Message[]> = {};
  for (const p of problems) (fields[p.path || 'definitionJson'] ??= []).push({ key: p.reason, params: p.params });
  return fields;
}
