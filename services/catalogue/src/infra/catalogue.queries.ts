import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL, type Lang } from '@serang/platform';
import type { Pool } from 'pg';
import type { Agency, Service, ServiceFilter } from '../graphql/catalogue.models';
import type { AgencyRow, ServiceRow } from './catalogue.tables';

/** Reads of catalogue's read models. */
@Injectable()
export class CatalogueQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  async agencies(lang: Lang): Promise<Agency[]> {
    const { rows } = await this.db.query<AgencyRow>('select * from catalogue.agencies order by name_id');
    return rows.map((r) => toAgency(r, lang));
  }

  async agency(id: string, lang: Lang): Promise<Agency | null> {
    const { rows } = await this.db.query<AgencyRow>('select * from catalogue.agencies where id = $1', [id]);
    return rows[0] ? toAgency(rows[0], lang) : null;
  }

  /** The latest published version of each service matching the filter. */
  async services(filter: ServiceFilter | undefined, lang: Lang): Promise<Service[]> {
    const search = filter?.search?.trim() ? `%${filter.search.trim().toLowerCase()}%` : null;
    const { rows } = await this.db.query<ServiceRow & AgencyRow & { a_id: string; a_code: string; a_name_id: string; a_name_en: string }>(
      `select distinct on (s.id) s.*, a.id as a_id, a.code as a_code, a.name_id as a_name_id, a.name_en as a_name_en
         from catalogue.services s join catalogue.agencies a on a.id = s.agency_id
        where ($1::text is null or s.agency_id = $1)
          and ($2::text is null or lower(s.name_id) like $2 or lower(s.name_en) like $2 or lower(s.code) like $2)
        order by s.id, s.version desc`,
      [filter?.agencyId ?? null, search],
    );
    return rows.map((r) => toService(r, { id: r.a_id, code: r.a_code, name_id: r.a_name_id, name_en: r.a_name_en }, lang));
  }

  /** One service: a given version, or the latest. */
  async service(id: string, version: number | undefined, lang: Lang): Promise<Service | null> {
    const { rows } = await this.db.query<ServiceRow & { a_id: string; a_code: string; a_name_id: string; a_name_en: string }>(
      `select s.*, a.id as a_id, a.code as a_code, a.name_id as a_name_id, a.name_en as a_name_en
         from catalogue.services s join catalogue.agencies a on a.id = s.agency_id
        where s.id = $1 and ($2::int is null or s.version = $2)
        order by s.version desc limit 1`,
      [id, version ?? null],
    );
    const r = rows[0];
    return r ? toService(r, { id: r.a_id, code: r.a_code, name_id: r.a_name_id, name_en: r.a_name_en }, lang) : null;
  }
}

function toAgency(r: AgencyRow, lang: Lang): Agency {
  return { id: r.id, code: r.code, name: lang === 'en' ? r.name_en : r.name_id, nameId: r.name_id, nameEn: r.name_en };
}

function toService(r: ServiceRow, a: AgencyRow, lang: Lang): Service {
  return {
    id: r.id,
    version: r.version,
    code: r.code,
    name: lang === 'en' ? r.name_en : r.name_id,
    nameId: r.name_id,
    nameEn: r.name_en,
    agency: toAgency(a, lang),
    slaWorkingDays: r.definition.slaWorkingDays,
    requiredDocuments: r.definition.requiredDocuments,
    formSchema: JSON.stringify(r.definition.form),
    publishedAt: r.published_at,
  };
}
