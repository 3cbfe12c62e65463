import type { DefinitionProblem } from '@serang/service-definition';

/**
 * Catalogue's errors, each with a stable reason. One mapping (graphql/catalogue-errors.ts) turns
 * them into SPEC.md's `extensions.code` and `extensions.reason`.
 */
export abstract class CatalogueError extends Error {
  abstract readonly reason: string;
  /** Values for the user-facing message's placeholders. */
  readonly params: Record<string, string | number> = {};
}

export class ServiceNotFound extends CatalogueError {
  readonly reason = 'SERVICE.NOT_FOUND';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} not found`);
    this.params = { id: serviceId };
  }
}

export class AgencyNotFound extends CatalogueError {
  readonly reason = 'AGENCY.NOT_FOUND';
  override readonly params: { id: string };
  constructor(agencyId: string) {
    super(`agency ${agencyId} not found`);
    this.params = { id: agencyId };
  }
}

/** Only the admins of the service's own agency, and platform admins, author it. */
export class AuthoringForbidden extends CatalogueError {
  readonly reason = 'SERVICE.AUTHORING_FORBIDDEN';
  constructor() {
    super('not an admin of the service’s agency');
  }
}

/** The service's id (its agency and code) is taken: a resent create cannot make a second service. */
export class ServiceAlreadyExists extends CatalogueError {
  readonly reason = 'SERVICE.ALREADY_EXISTS';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} already exists`);
    this.params = { id: serviceId };
  }
}

/** The definition (or the service's code and names) breaks the rules: every problem, with its path. */
export class DefinitionInvalid extends CatalogueError {
  readonly reason = 'SERVICE.DEFINITION_INVALID';
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`invalid definition: ${problems.map((p) => `${p.path || '(root)'} ${p.reason}`).join(', ')}`);
  }
}

/** Publishing needs a draft; the service has none (it is published as it stands). */
export class NoDraftToPublish extends CatalogueError {
  readonly reason = 'SERVICE.NO_DRAFT';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} has no draft to publish`);
    this.params = { id: serviceId };
  }
}

/** A retired service takes no new drafts, publications or a second retirement. */
export class ServiceIsRetired extends CatalogueError {
  readonly reason = 'SERVICE.RETIRED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} is retired`);
    this.params = { id: serviceId };
  }
}

/** Only a published service can be retired; a draft that was never published is simply not used. */
export class ServiceNotPublished extends CatalogueError {
  readonly reason = 'SERVICE.NOT_PUBLISHED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} was never published`);
    this.params = { id: serviceId };
  }
}

/** Someone else changed the service since the caller read it (or at the same moment). */
export class ServiceChanged extends CatalogueError {
  readonly reason = 'SERVICE.CHANGED';
  override readonly params: { id: string };
  constructor(serviceId: string) {
    super(`service ${serviceId} changed concurrently`);
    this.params = { id: serviceId };
  }
}
