import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { AgencyRegistered, ServiceDraftCreated, ServiceDraftUpdated, ServicePublished, ServiceRetired } from '../domain/catalogue.events';

/**
 * Catalogue's read models from its own events, written through the consumer's transaction: each
 * event's effects commit with its id (exactly once, in stream order). A head row only moves
 * forward (`revision`), so replaying into rebuilt tables gives the same rows.
 */
@Controller()
export class CatalogueProjection {
  @EventPattern('AgencyRegistered')
  async agencyRegistered(@Payload() e: DeliveredEvent<AgencyRegistered['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into catalogue.agencies (id, code, name_id, name_en) values ($1, $2, $3, $4)
       on conflict (id) do update set code = excluded.code, name_id = excluded.name_id, name_en = excluded.name_en`,
      [d.agencyId, d.code, d.nameId, d.nameEn],
    );
  }

  @EventPattern('ServiceDraftCreated')
  async draftCreated(@Payload() e: DeliveredEvent<ServiceDraftCreated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into catalogue.service_heads (id, agency_id, code, status, revision, draft_version, draft_name_id, draft_name_en, draft_definition_json, draft_saved_at, updated_at)
       values ($1, $2, $3, 'DRAFT', $4, $5, $6, $7, $8, $9, $9) on conflict (id) do nothing`,
      [d.serviceId, d.agencyId, d.code, revisionOf(e), d.version, d.nameId, d.nameEn, d.definitionJson, e.metadata.occurredAt],
    );
  }

  @EventPattern('ServiceDraftUpdated')
  async draftUpdated(@Payload() e: DeliveredEvent<ServiceDraftUpdated['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `update catalogue.service_heads set revision = $2, draft_version = $3, draft_name_id = $4, draft_name_en = $5, draft_definition_json = $6, draft_saved_at = $7, updated_at = $7
        where id = $1 and revision < $2`,
      [d.serviceId, revisionOf(e), d.version, d.nameId, d.nameEn, d.definitionJson, e.metadata.occurredAt],
    );
  }

  @EventPattern('ServicePublished')
  async servicePublished(@Payload() e: DeliveredEvent<ServicePublished['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    const at = e.metadata.occurredAt;
    await ctx.tx.query(
      `insert into catalogue.services (id, version, agency_id, code, name_id, name_en, definition, published_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id, version) do nothing`,
      [d.serviceId, d.version, d.agencyId, d.code, d.nameId, d.nameEn, d.definitionJson, at],
    );
    // A stream may start with its publication (no draft event before it).
    await ctx.tx.query(
      `insert into catalogue.service_heads (id, agency_id, code, status, revision, published_version, updated_at)
       values ($1, $2, $3, 'PUBLISHED', $4, $5, $6)
       on conflict (id) do update set status = 'PUBLISHED', revision = excluded.revision, published_version = excluded.published_version,
         draft_version = null, draft_name_id = null, draft_name_en = null, draft_definition_json = null, draft_saved_at = null, updated_at = excluded.updated_at
       where catalogue.service_heads.revision < excluded.revision`,
      [d.serviceId, d.agencyId, d.code, revisionOf(e), d.version, at],
    );
  }

  @EventPattern('ServiceRetired')
  async serviceRetired(@Payload() e: DeliveredEvent<ServiceRetired['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query(
      `update catalogue.service_heads set status = 'RETIRED', revision = $2, retired_at = $3, updated_at = $3,
         draft_version = null, draft_name_id = null, draft_name_en = null, draft_definition_json = null, draft_saved_at = null
        where id = $1 and revision < $2`,
      [e.data.serviceId, revisionOf(e), e.metadata.occurredAt],
    );
  }
}

/** Events in the stream so far, counting this one: the revision authors name. */
const revisionOf = (e: DeliveredEvent<unknown>): number => Number(e.revision) + 1;
