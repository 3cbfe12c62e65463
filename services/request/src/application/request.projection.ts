import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import { Vault } from '@serang/vault';
import type { ApplicationSubmitted, ServicePublished } from '../domain/application.events';
import { parseDefinitionJson, type ServiceRetired } from '../domain/service-definition';
import { DocumentRepository } from '../infra/document.repository';
import { DOCUMENT_STORAGE, type DocumentStorage } from './document-storage';

/**
 * Request's read models, written through the consumer's transaction (`ctx.tx`) so that each
 * event's effects commit together with its id: exactly once, rebuildable by replay.
 */
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
    await this.vault.destroy(e.data.personId);
    // Unreadable already (their key is gone); the sealed bytes go too, as storage they no longer need.
    for (const id of await this.documents.idsOf(e.data.personId)) await this.storage.delete(id);
    await ctx.tx.query('update request.applications set applicant_erased_at = $2 where applicant_id = $1 and applicant_erased_at is null', [e.data.personId, e.data.erasedAt]);
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
    await ctx.tx.query('update request.service_definitions set retired_at = $2 where id = $1 and retired_at is null', [e.data.serviceId, e.metadata.occurredAt]);
  }

  @EventPattern('ApplicationSubmitted')
  async applicationSubmitted(@Payload() e: DeliveredEvent<ApplicationSubmitted['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    const version = Number(e.revision) + 1;
    await ctx.tx.query(
      `insert into request.applications (id, tracking_number, status, version, service_id, service_version, agency_id, applicant_id, submitted_at, due_at)
       values ($1, $2, 'SUBMITTED', $3, $4, $5, $6, $7, $8, $9) on conflict (id) do nothing`,
      [d.applicationId, d.trackingNumber, version, d.serviceId, d.serviceVersion, d.agencyId, d.applicantId, d.submittedAt, d.dueAt],
    );
    await ctx.tx.query(
      `insert into request.application_timeline (application_id, seq, status, at, actor_role, note)
       values ($1, $2, 'SUBMITTED', $3, $4, null) on conflict do nothing`,
      [d.applicationId, version, d.submittedAt, e.metadata.actor?.role ?? 'CITIZEN'],
    );
  }
}
