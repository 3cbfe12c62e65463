import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { AgencyRegisteredData } from '../domain/catalogue.events';
import { AgenciesRepository } from '../infra/agencies.repository';

/** Learns catalogue's agencies, so that an agency nobody has applied to yet still shows, with zeros. */
@Controller()
export class AgenciesProjection {
  constructor(private readonly agencies: AgenciesRepository) {}

  @EventPattern('AgencyRegistered')
  async agencyRegistered(@Payload() e: DeliveredEvent<AgencyRegisteredData>, @Ctx() ctx: EventContext): Promise<void> {
    await this.agencies.record(ctx.tx, e.data.agencyId);
  }
}
