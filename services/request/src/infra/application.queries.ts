import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@serang/platform';
import type { Pool } from 'pg';
import type { TimelineEntry } from '../domain/application.decider';
import type { DocumentRef } from '../domain/application.events';
import type { ApplicationRow, TimelineRow } from './request.tables';

/** An application as the read model (or its just-written stream) shows it. */
export interface ApplicationView {
  id: string;
  trackingNumber: string;
  status: string;
  version: number;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  applicantId: string;
  submittedAt: Date;
  /** Null while the clock is paused (waiting on the citizen). */
  dueAt: Date | null;
  assigneeId: string | null;
  slaWarned: boolean;
  slaBreached: boolean;
  closed: boolean;
  documents: DocumentRef[];
  timeline: TimelineEntry[];
  /** Only when read from the stream: the form and the output reference, as ciphertexts. */
  formCiphertext?: string;
  outputReferenceCiphertext?: string | null;
}

/** What anyone holding the tracking number may see: no applicant, no service, no form. */
export interface TrackingView {
  trackingNumber: string;
  status: string;
  timeline: Array<{ status: string; at: Date }>;
}

export interface QueueFilter {
  agencyId: string;
  serviceId?: string;
  status?: string;
  /** Due within this many hours (and not yet breached). */
  dueWithinHours?: number;
  breached?: boolean;
  assigneeId?: string;
  unassigned?: boolean;
  includeClosed?: boolean;
  limit: number;
  offset: number;
}

/** Reads of request's read models. Ownership or agency is part of every query: the token decides. */
@Injectable()
export class ApplicationQueries {
  constructor(@Inject(PG_POOL) private readonly db: Pool) {}

  /** The applicant's own applications, newest first. */
  async mine(applicantId: string): Promise<ApplicationView[]> {
    const { rows } = await this.db.query<ApplicationRow>(
      'select * from request.applications where applicant_id = $1 order by submitted_at desc, id desc',
      [applicantId],
    );
    return this.complete(rows);
  }

  /**
   * An agency's work queue: open applications (or all, with includeClosed), soonest due first —
   * paused ones (waiting on the citizen) last — then oldest first.
   */
  async queue(f: QueueFilter): Promise<ApplicationView[]> {
    const { rows } = await this.db.query<ApplicationRow>(
      `select * from request.applications
        where agency_id = $1 and ($2::boolean or closed_at is null)
          and ($3::text is null or service_id = $3) and ($4::text is null or status = $4)
          and ($5::int is null or (due_at <= now() + make_interval(hours => $5) and breached_at is null))
          and ($6::boolean is null or ($6 = (breached_at is not null)))
          and ($7::text is null or assignee_id = $7) and (not $8::boolean or assignee_id is null)
        order by due_at asc nulls last, submitted_at asc, id limit $9 offset $10`,
      [
        f.agencyId,
        f.includeClosed ?? false,
        f.serviceId ?? null,
        f.status ?? null,
        f.dueWithinHours ?? null,
        f.breached ?? null,
        f.assigneeId ?? null,
        f.unassigned ?? false,
        f.limit,
        f.offset,
      ],
    );
    return this.complete(rows);
  }

  /** The agency whose staff may read a document: of the application that uses it (none: nobody's). */
  async agenciesUsingDocument(documentId: string): Promise<Array<{ agencyId: string; applicationId: string; applicantId: string }>> {
    const { rows } = await this.db.query<{ agency_id: string; id: string; applicant_id: string }>(
      `select a.agency_id, a.id, a.applicant_id from request.application_documents d join request.applications a on a.id = d.application_id where d.document_id = $1`,
      [documentId],
    );
    return rows.map((r) => ({ agencyId: r.agency_id, applicationId: r.id, applicantId: r.applicant_id }));
  }

  async byTrackingNumber(trackingNumber: string): Promise<TrackingView | null> {
    const { rows } = await this.db.query<{ id: string; tracking_number: string; status: string }>(
      'select id, tracking_number, status from request.applications where tracking_number = $1',
      [trackingNumber],
    );
    const r = rows[0];
    if (!r) return null;
    const timeline = await this.db.query<{ status: string; at: Date }>(
      'select status, at from request.application_timeline where application_id = $1 order by seq',
      [r.id],
    );
    return { trackingNumber: r.tracking_number, status: r.status, timeline: timeline.rows };
  }

  private async complete(rows: ApplicationRow[]): Promise<ApplicationView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [{ rows: steps }, { rows: docs }] = await Promise.all([
      this.db.query<TimelineRow>('select * from request.application_timeline where application_id = any($1::uuid[]) order by application_id, seq', [
        ids,
      ]),
      this.db.query<{ application_id: string; requirement: string; document_id: string }>(
        'select * from request.application_documents where application_id = any($1::uuid[]) order by requirement',
        [ids],
      ),
    ]);
    const timelines = group(
      steps,
      (s) => s.application_id,
      (s): TimelineEntry => ({ status: s.status, at: s.at, actorRole: s.actor_role, action: s.action, note: s.note, version: s.seq }),
    );
    const documents = group(
      docs,
      (d) => d.application_id,
      (d): DocumentRef => ({ requirement: d.requirement, documentId: d.document_id }),
    );
    return rows.map((r) => ({
      id: r.id,
      trackingNumber: r.tracking_number,
      status: r.status,
      version: r.version,
      serviceId: r.service_id,
      serviceVersion: r.service_version,
      agencyId: r.agency_id,
      applicantId: r.applicant_id,
      submittedAt: r.submitted_at,
      dueAt: r.due_at,
      assigneeId: r.assignee_id,
      slaWarned: !!r.warned_at,
      slaBreached: !!r.breached_at,
      closed: !!r.closed_at,
      documents: documents.get(r.id) ?? [],
      timeline: timelines.get(r.id) ?? [],
    }));
  }
}

function group<R, T>(rows: R[], key: (r: R) => string, map: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(map(r));
    out.set(key(r), list);
  }
  return out;
}
