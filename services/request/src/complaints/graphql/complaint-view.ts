import type { Lang } from '@serang/platform';
import type { ComplaintView } from '../application/complaint-reader';
import type { ComplaintRow } from '../infra/complaints.tables';
import type { Complaint } from './complaint.models';

const STATUS_NAMES: Record<string, { id: string; en: string }> = {
  RECEIVED: { id: 'Diterima', en: 'Received' },
  VERIFIED: { id: 'Diverifikasi', en: 'Verified' },
  FORWARDED: { id: 'Diteruskan ke instansi', en: 'Forwarded to the agency' },
  IN_PROGRESS: { id: 'Sedang ditindaklanjuti', en: 'In progress' },
  ANSWERED: { id: 'Dijawab', en: 'Answered' },
  CLOSED: { id: 'Selesai', en: 'Closed' },
};
const statusName = (status: string, lang: Lang) => STATUS_NAMES[status]?.[lang] ?? status;

/** One complaint as its caller may see it (the decider and the reader decided what; this only maps). */
export function fromView(v: ComplaintView, lang: Lang, staffOrAdmin: boolean): Complaint {
  const c = v.complaint;
  return {
    id: c.id,
    status: c.status,
    statusName: statusName(c.status, lang),
    version: c.version,
    categoryCode: c.categoryCode,
    agencyId: c.agencyId,
    anonymous: c.anonymous,
    confidential: c.confidential,
    complainantLabel: c.pseudonym,
    complainantId: c.anonymous ? null : c.complainantId,
    applicationId: c.applicationId,
    assigneeId: staffOrAdmin ? c.assigneeId : null,
    filedAt: c.filedAt,
    dueAt: c.dueAt,
    slaWarned: c.warned,
    slaBreached: c.breached,
    reopened: c.reopened,
    text: v.text,
    location: v.location,
    answer: v.answer,
    reopenReason: v.reopenReason,
    laporTrackingId: staffOrAdmin || v.own ? c.laporTrackingId : null,
    attachmentIds: c.attachmentIds,
    timeline: c.timeline.map((t) => ({ status: t.status, action: t.action, at: t.at, actorRole: t.actorRole, agencyId: t.agencyId || null })),
    availableActions: v.actions,
  };
}

/** A line of a list (queue, the citizen's own): no content — that is one complaint's read, audited. */
export function fromRow(r: ComplaintRow, lang: Lang, staffOrAdmin: boolean): Complaint {
  return {
    id: r.id,
    status: r.status,
    statusName: statusName(r.status, lang),
    version: r.version,
    categoryCode: r.category_code,
    agencyId: r.agency_id,
    anonymous: r.anonymous,
    confidential: r.confidential,
    complainantLabel: r.pseudonym,
    complainantId: null,
    applicationId: r.application_id,
    assigneeId: staffOrAdmin ? r.assignee_id : null,
    filedAt: r.filed_at,
    dueAt: r.due_at,
    slaWarned: !!r.warned_at,
    slaBreached: !!r.breached_at,
    reopened: r.reopened,
    text: null,
    location: null,
    answer: null,
    reopenReason: null,
    laporTrackingId: null,
    attachmentIds: [],
    timeline: [],
    availableActions: [],
  };
}
