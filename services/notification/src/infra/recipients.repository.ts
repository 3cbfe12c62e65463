import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { AgencyStaff, ApplicationFacts } from '../domain/application-facts';

/** notification.applications and notification.agency_staff: whom messages go to, within the consumer's transaction. */
@Injectable()
export class RecipientsRepository {
  async rememberApplication(tx: PoolClient, app: Omit<ApplicationFacts, 'assigneeId'>): Promise<void> {
    await tx.query(
      `insert into notification.applications (application_id, tracking_number, service_id, agency_id, applicant_id)
       values ($1, $2, $3, $4, $5) on conflict (application_id) do nothing`,
      [app.applicationId, app.trackingNumber, app.serviceId, app.agencyId, app.applicantId],
    );
  }

  async application(tx: PoolClient, applicationId: string): Promise<ApplicationFacts | null> {
    const { rows } = await tx.query<{
      application_id: string;
      tracking_number: string;
      service_id: string;
      agency_id: string;
      applicant_id: string;
      assignee_id: string | null;
    }>('select * from notification.applications where application_id = $1', [applicationId]);
    const r = rows[0];
    return r
      ? {
          applicationId: r.application_id,
          trackingNumber: r.tracking_number,
          serviceId: r.service_id,
          agencyId: r.agency_id,
          applicantId: r.applicant_id,
          assigneeId: r.assignee_id,
        }
      : null;
  }

  async assign(tx: PoolClient, applicationId: string, officerId: string): Promise<void> {
    await tx.query('update notification.applications set assignee_id = $2 where application_id = $1', [applicationId, officerId]);
  }

  async staffOf(tx: PoolClient, agencyId: string): Promise<AgencyStaff> {
    const { rows } = await tx.query<{ person_id: string; roles: string[] }>(
      `select person_id, roles from notification.agency_staff s
        where agency_id = $1 and not exists (select 1 from notification.erased_recipients e where e.person_id = s.person_id)
        order by person_id`,
      [agencyId],
    );
    return {
      officers: rows.filter((r) => r.roles.includes('OFFICER')).map((r) => r.person_id),
      admins: rows.filter((r) => r.roles.includes('AGENCY_ADMIN')).map((r) => r.person_id),
    };
  }

  async putStaff(tx: PoolClient, personId: string, agencyId: string, roles: string[]): Promise<void> {
    await tx.query(
      `insert into notification.agency_staff (person_id, agency_id, roles) values ($1, $2, $3)
       on conflict (person_id) do update set agency_id = excluded.agency_id, roles = excluded.roles`,
      [personId, agencyId, roles],
    );
  }

  async removeStaff(tx: PoolClient, personId: string): Promise<void> {
    await tx.query('delete from notification.agency_staff where person_id = $1', [personId]);
  }
}
