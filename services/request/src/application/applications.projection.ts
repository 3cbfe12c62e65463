import { advisoryXactLock } from '@serang/db';
import { applicantLock } from './request.projection';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DeliveredEvent, EventContext } from '@serang/messaging';
import type { PoolClient } from 'pg';
import type {
  ApplicationCancelled,
  ApplicationClaimed,
  ApplicationResubmitted,
  ApplicationSlaBreached,
  ApplicationSlaWarningRaised,
  ApplicationSubmitted,
  ApplicationTransitioned,
  DocumentRef,
} from '../domain/application.events';

type Timeline = { status: string; at: string; actorRole: string; action: string; note: string | null };

/**
 * The applications read models (queue, tracking, timelines, which documents each application
 * uses) from request's own application streams. Idempotent per event: the version (a step's
 * number, which SLA events do not advance) comes from the event, so a redelivery rewrites the same row.
 */
@Controller()
export class ApplicationsProjection {
  @EventPattern('ApplicationSubmitted')
  async submitted(@Payload() e: DeliveredEvent<ApplicationSubmitted['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    const { status } = d;
    await advisoryXactLock(ctx.tx, applicantLock(d.applicantId));
    await ctx.tx.query(
      // An erasure projected before this submission (another stream, no order promised) still marks it;
      // the lock orders this with a concurrent erasure (request.projection.ts).
      `insert into request.applications (id, tracking_number, status, version, service_id, service_version, agency_id, applicant_id, submitted_at, due_at, warn_at, updated_at, applicant_erased_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9, (select erased_at from request.erased_applicants where person_id = $8)) on conflict (id) do nothing`,
      [
        d.applicationId,
        d.trackingNumber,
        status,
        1,
        d.serviceId,
        d.serviceVersion,
        d.agencyId,
        d.applicantId,
        d.submittedAt,
        d.dueAt,
        d.warnAt || null,
      ],
    );
    await documents(ctx.tx, d.applicationId, d.documents);
    await timeline(ctx.tx, d.applicationId, 1, {
      status,
      at: d.submittedAt,
      actorRole: e.metadata.actor?.role ?? 'CITIZEN',
      action: 'SUBMIT',
      note: null,
    });
  }

  @EventPattern('ApplicationClaimed')
  async claimed(@Payload() e: DeliveredEvent<ApplicationClaimed['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    const { rows } = await ctx.tx.query<{ status: string }>(
      `update request.applications set assignee_id = $2, version = greatest(version, $3), updated_at = $4 where id = $1 returning status`,
      [d.applicationId, d.officerId, d.version, d.at],
    );
    await timeline(ctx.tx, d.applicationId, d.version, {
      status: rows[0]?.status ?? '',
      at: d.at,
      actorRole: d.officerRole,
      action: 'CLAIM',
      note: null,
    });
  }

  @EventPattern('ApplicationTransitioned')
  async transitioned(@Payload() e: DeliveredEvent<ApplicationTransitioned['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `update request.applications set status = $2, version = greatest(version, $3), due_at = $4, warn_at = $5,
         paused_since = case when $4::timestamptz is null then coalesce(paused_since, $6) else null end,
         closed_at = case when $7 <> '' then $6 else closed_at end, outcome = nullif($7, ''), updated_at = $6
       where id = $1`,
      [d.applicationId, d.toStatus, d.version, d.dueAt || null, d.warnAt || null, d.at, d.outcome ?? ''],
    );
    await timeline(ctx.tx, d.applicationId, d.version, {
      status: d.toStatus,
      at: d.at,
      actorRole: d.actorRole,
      action: d.action,
      note: d.noteCiphertext || null,
    });
  }

  @EventPattern('ApplicationResubmitted')
  async resubmitted(@Payload() e: DeliveredEvent<ApplicationResubmitted['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `update request.applications set status = $2, version = greatest(version, $3), due_at = $4, warn_at = $5, paused_since = null, updated_at = $6 where id = $1`,
      [d.applicationId, d.toStatus, d.version, d.dueAt, d.warnAt, d.at],
    );
    await ctx.tx.query('delete from request.application_documents where application_id = $1', [d.applicationId]);
    await documents(ctx.tx, d.applicationId, d.documents);
    await timeline(ctx.tx, d.applicationId, d.version, { status: d.toStatus, at: d.at, actorRole: 'CITIZEN', action: d.action, note: null });
  }

  @EventPattern('ApplicationCancelled')
  async cancelled(@Payload() e: DeliveredEvent<ApplicationCancelled['data']>, @Ctx() ctx: EventContext): Promise<void> {
    const d = e.data;
    await ctx.tx.query(
      `update request.applications set status = 'CANCELLED', version = greatest(version, $2), closed_at = $3, outcome = 'CANCELLED', updated_at = $3 where id = $1`,
      [d.applicationId, d.version, d.at],
    );
    await timeline(ctx.tx, d.applicationId, d.version, { status: 'CANCELLED', at: d.at, actorRole: 'CITIZEN', action: 'CANCEL', note: null });
  }

  @EventPattern('ApplicationSlaWarningRaised')
  async warned(@Payload() e: DeliveredEvent<ApplicationSlaWarningRaised['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update request.applications set warned_at = $2 where id = $1', [e.data.applicationId, e.data.at]);
  }

  /** A breach escalates the application to the agency's admins: the queue flags it. */
  @EventPattern('ApplicationSlaBreached')
  async breached(@Payload() e: DeliveredEvent<ApplicationSlaBreached['data']>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.query('update request.applications set breached_at = $2 where id = $1', [e.data.applicationId, e.data.at]);
  }
}

async function timeline(tx: PoolClient, applicationId: string, seq: number, t: Timeline): Promise<void> {
  await tx.query(
    `insert into request.application_timeline (application_id, seq, status, at, actor_role, action, note) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing`,
    [applicationId, seq, t.status, t.at, t.actorRole, t.action, t.note],
  );
}

async function documents(tx: PoolClient, applicationId: string, refs: readonly DocumentRef[]): Promise<void> {
  if (refs.length === 0) return;
  await tx.query(
    `insert into request.application_documents (application_id, requirement, document_id)
     select $1, r, d::uuid from unnest($2::text[], $3::text[]) as t(r, d) on conflict do nothing`,
    [applicationId, refs.map((r) => r.requirement), refs.map((r) => r.documentId)],
  );
}
