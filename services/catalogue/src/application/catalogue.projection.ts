import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { AgencyRegistered, ServicePublished } from '../domain/catalogue.events';

/** Catalogue's read models from its own events (idempotent upserts; rebuildable by replay). */
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

  @EventPattern('ServicePublished')
  async servicePublished(@Payload() e: DeliveredEvent<ServicePublished['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `insert into catalogue.services (id, version, agency_id, code, name_id, name_en, definition, published_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (id, version) do nothing`,
      [d.serviceId, d.version, d.agencyId, d.code, d.nameId, d.nameEn, d.definitionJson, e.metadata.occurredAt],
    );
  }
}
