import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { ServiceDefinition } from '../domain/service-definition';

/** Request's own copy of published service definitions (fed by catalogue's ServicePublished). */
@Injectable()
export class ServiceDefinitions {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** The latest published version of a service, or null when request knows none. */
  async latest(serviceId: string): Promise<ServiceDefinition | null> {
    const { rows } = await this.db.query<{ id: string; version: number; agency_id: string; definition: Omit<ServiceDefinition, 'serviceId' | 'version' | 'agencyId'> }>(
      'select id, version, agency_id, definition from request.service_definitions where id = $1 order by version desc limit 1',
      [serviceId],
    );
    const r = rows[0];
    return r ? { serviceId: r.id, version: r.version, agencyId: r.agency_id, slaWorkingDays: r.definition.slaWorkingDays, form: r.definition.form, requiredDocuments: r.definition.requiredDocuments ?? [] } : null;
  }
}
