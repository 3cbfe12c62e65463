import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { ServiceDefinitionDocument } from '@serang/service-definition';
import type { Pool } from 'pg';
import type { ServiceDefinition } from '../domain/service-definition';

/** Request's own copy of published service definitions (fed by catalogue's ServicePublished and ServiceRetired). */
@Injectable()
export class ServiceDefinitions {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** Published versions never change (only their retirement does): cached a minute per process. */
  private readonly cache = new Map<string, { at: number; definition: ServiceDefinition }>();

  /** One published version: what an application submitted under it runs on, retired or not. */
  async version(serviceId: string, version: number): Promise<ServiceDefinition | null> {
    const key = `${serviceId}@${version}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < 60_000) return hit.definition;
    const found = await this.load(serviceId, version);
    if (found) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(key, { at: Date.now(), definition: found });
    }
    return found;
  }

  private async load(serviceId: string, version: number): Promise<ServiceDefinition | null> {
    return this.one('where id = $1 and version = $2', [serviceId, version]);
  }

  /** The latest published version of a service (whether or not it is retired), or null when request knows none. */
  async latest(serviceId: string): Promise<ServiceDefinition | null> {
    return this.one('where id = $1 order by version desc limit 1', [serviceId]);
  }

  /** Checked when it was projected (ServicePublished): read back as stored. */
  private async one(where: string, params: unknown[]): Promise<ServiceDefinition | null> {
    const { rows } = await this.db.query<{
      id: string;
      version: number;
      agency_id: string;
      definition: ServiceDefinitionDocument;
      retired_at: Date | null;
    }>(`select id, version, agency_id, definition, retired_at from request.service_definitions ${where}`, params);
    const r = rows[0];
    return r ? { ...r.definition, serviceId: r.id, version: r.version, agencyId: r.agency_id, retiredAt: r.retired_at } : null;
  }
}
