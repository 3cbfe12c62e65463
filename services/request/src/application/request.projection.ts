import { advisoryXactLock } from '@serang/db';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { Vault } from '@serang/vault';
import type { ServicePublished } from '../domain/application.events';
import { parseDefinitionJson, type ServiceRetired } from '../domain/service-definition';
import { DocumentRepository } from '../infra/document.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';

/**
 * What request learns from other contexts: catalogue's published definitions and retirements,
 * identity's erasures. Written through the consumer's transaction (`ctx.tx`), so each event's
 * effects commit with its id: exactly once, rebuildable by replay. Applications: applications.projection.ts.
 */
/** The lock that orders an applicant's erasure with the projection of their submissions. */
export const applicantLock = (personId: string): string => `request.applicant:${personId}`;

@Controller()
export class RequestProjection {
  constructor(
    private readonly vault: Vault,
    private readonly documents: DocumentRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * Identity erased a person: request destroys its own key for them, so their forms (in every
   * ApplicationSubmitted, here and on Kafka) and documents can never be read again. The
   * applications themselves stay, as records of what happened, owned by nobody readable.
   */
  @EventPattern('PersonErased')
  async personErased(@Payload() e: DeliveredEvent<{ personId: string; erasedAt: string }>, @Ctx() ctx: EventContext): Promise<void> {
    // Serialised with the projection of their submissions (applications.projection.ts): whichever
    // commits second sees the other, so no application is left unmarked.
    await advisoryXactLock(ctx.tx, applicantLock(e.data.personId));
    await this.vault.destroy(e.data.personId, ctx.tx);
    // Unreadable already (their key is gone); the sealed bytes go too, as storage they no longer need.
    for (const id of await this.documents.idsOf(e.data.personId, ctx.tx)) await this.storage.delete(id);
    await ctx.tx.query('insert into request.erased_applicants (person_id, erased_at) values ($1, $2) on conflict (person_id) do nothing', [
      e.data.personId,
      e.data.erasedAt,
    ]);
    await ctx.tx.query('update request.applications set applicant_erased_at = $2 where applicant_id = $1 and applicant_erased_at is null', [
      e.data.personId,
      e.data.erasedAt,
    ]);
  }

  /** Catalogue's published versions: request's own copy, so submissions work while catalogue is down. */
  @EventPattern('ServicePublished')
  async servicePublished(@Payload() e: DeliveredEvent<ServicePublished['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    // Checked against the same rules catalogue published it under, then kept whole as published.
    // A definition request cannot read parks the stream, with every problem, instead of vanishing.
    parseDefinitionJson(d.definitionJson);
    await ctx.tx.query(
      `insert into request.service_definitions (id, version, agency_id, definition) values ($1, $2, $3, $4)
       on conflict (id, version) do nothing`,
      [d.serviceId, d.version, d.agencyId, d.definitionJson],
    );
  }

  /** A retired service takes no new applications; the mark is on every version request keeps of it. */
  @EventPattern('ServiceRetired')
  async serviceRetired(@Payload() e: DeliveredEvent<ServiceRetired['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update request.service_definitions set retired_at = $2 where id = $1 and retired_at is null', [
      e.data.serviceId,
      e.metadata.occurredAt,
    ]);
  }
}
