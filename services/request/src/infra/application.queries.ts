import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { TimelineEntry } from '../domain/application.decider';
import type { ApplicationRow, TimelineRow } from './request.tables';

/** An application as its owner sees it in the read model. */
export interface ApplicationView {
  id: string;
  trackingNumber: string;
  status: string;
  version: number;
  serviceId: string;
  serviceVersion: number;
  submittedAt: Date;
  dueAt: Date;
  timeline: TimelineEntry[];
}

/** What anyone holding the tracking number may see: no applicant, no service, no form. */
export interface TrackingView {
  trackingNumber: string;
  status: string;
  timeline: Array<{ status: string; at: Date }>;
}

/** Reads of request's read models. Ownership is part of every query: the token decides. */
@Injectable()
export class ApplicationQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** The applicant's own applications, newest first. */
  async mine(applicantId: string): Promise<ApplicationView[]> {
    const { rows } = await this.db.query<ApplicationRow>('select * from request.applications where applicant_id = $1 order by submitted_at desc, id desc', [applicantId]);
    return this.withTimelines(rows);
  }

  /** One application, only if it is the applicant's; null otherwise (existence is not revealed). */
  async own(id: string, applicantId: string): Promise<ApplicationView | null> {
    const { rows } = await this.db.query<ApplicationRow>('select * from request.applications where id = $1 and applicant_id = $2', [id, applicantId]);
    return (await this.withTimelines(rows))[0] ?? null;
  }

  async byTrackingNumber(trackingNumber: string): Promise<TrackingView | null> {
    const { rows } = await this.db.query<{ id: string; tracking_number: string; status: string }>(
      'select id, tracking_number, status from request.applications where tracking_number = $1',
      [trackingNumber],
    );
    const r = rows[0];
    if (!r) return null;
    const timeline = await this.db.query<{ status: string; at: Date }>('select status, at from request.application_timeline where application_id = $1 order by seq', [r.id]);
    return { trackingNumber: r.tracking_number, status: r.status, timeline: timeline.rows };
  }

  private async withTimelines(rows: ApplicationRow[]): Promise<ApplicationView[]> {
    if (rows.length === 0) return [];
    const { rows: steps } = await this.db.query<TimelineRow>(
      'select * from request.application_timeline where application_id = any($1::uuid[]) order by application_id, seq',
      [rows.map((r) => r.id)],
    );
    const byApp = new Map<string, TimelineEntry[]>();
    for (const s of steps) {
      const list = byApp.get(s.application_id) ?? [];
      list.push({ status: s.status, at: s.at, actorRole: s.actor_role, note: s.note });
      byApp.set(s.application_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      trackingNumber: r.tracking_number,
      status: r.status,
      version: r.version,
      serviceId: r.service_id,
      serviceVersion: r.service_version,
      submittedAt: r.submitted_at,
      dueAt: r.due_at,
      timeline: byApp.get(r.id) ?? [],
    }));
  }
}
