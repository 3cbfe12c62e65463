import { Injectable } from '@nestjs/common';
import { openDataRows, type OpenDataRow } from '../domain/open-data';
import { SubmissionsRepository } from '../infra/submissions.repository';

/** Satu Data: the monthly figures as published, small cells suppressed (domain/open-data.ts). */
@Injectable()
export class OpenDataQuery {
  constructor(private readonly submissions: SubmissionsRepository) {}

  async monthlySubmissions(): Promise<OpenDataRow[]> {
    const rows = await this.submissions.monthly();
    return openDataRows(rows.map((r) => ({ month: r.month, agencyId: r.agency_id, serviceId: r.service_id, submitted: r.submitted })));
  }
}
