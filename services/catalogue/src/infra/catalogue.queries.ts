import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { AgencyRow, ServiceHeadRow, ServiceRow } from './catalogue.tables';

/** A published version with its agency, its service's retirement, and whether it is the one in force. */
const SERVICE_SELECT = `
  select s.*, h.retired_at, s.version = max(s.version) over (partition by s.id) as latest,
         a.code as a_code, a.name_id as a_name_id, a.name_en as a_name_en
    from catalogue.services s
    join catalogue.agencies a on a.id = s.agency_id
    left join catalogue.service_heads h on h.id = s.id`;

export interface ServiceQuery {
  agencyId?: string | null;
  search?: string | null;
  includeRetired?: boolean | null;
}

/** Reads of catalogue's read models. */
@Injectable()
export class CatalogueQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async agencies(): Promise<AgencyRow[]> {
    return (await this.db.query<AgencyRow>('select * from catalogue.agencies order by name_id')).rows;
  }

  async agency(id: string): Promise<AgencyRow | null> {
    return (await this.db.query<AgencyRow>('select * from catalogue.agencies where id = $1', [id])).rows[0] ?? null;
  }

  /** The latest published version of each service matching the filter; retired services only when asked. */
  async services(q: ServiceQuery = {}): Promise<ServiceRow[]> {
    const search = q.search?.trim() ? `%${q.search.trim().toLowerCase()}%` : null;
    // The filter applies to each service's latest version (computed over all versions first).
    const { rows } = await this.db.query<ServiceRow>(
      `select * from (${SERVICE_SELECT}) v
        where latest
          and ($1::text is null or agency_id = $1)
          and ($2::text is null or lower(name_id) like $2 or lower(name_en) like $2 or lower(code) like $2)
          and ($3 or retired_at is null)
        order by name_id`,
      [q.agencyId ?? null, search, q.includeRetired === true],
    );
    return rows;
  }

  /** One published version (the latest when none is named), retired or not: applications keep referring to it. */
  async service(id: string, version?: number | null): Promise<ServiceRow | null> {
    const { rows } = await this.db.query<ServiceRow>(
      `select * from (${SERVICE_SELECT} where s.id = $1) v where ($2::int is null and latest) or version = $2`,
      [id, version ?? null],
    );
    return rows[0] ?? null;
  }

  /** Services as their agency manages them (drafts included), of one agency or of all. */
  async heads(agencyId: string | null): Promise<ServiceHeadRow[]> {
    const { rows } = await this.db.query<ServiceHeadRow>(
      'select * from catalogue.service_heads where ($1::text is null or agency_id = $1) order by agency_id, code',
      [agencyId],
    );
    return rows;
  }
}
