import type { AgencyStaff, ApplicationFacts } from '../src/domain/application-facts';
import { kindOfTransition, MalformedEvent, notificationsFor, onApplicationSubmitted } from '../src/domain/inbox.policy';
import { complaintNotificationsFor } from '../src/domain/complaint.policy';
import { NOTIFICATION_KINDS } from '../src/domain/notification.kinds';
import { formatDate, placeholdersOf, renderEmail, renderNotification, TEMPLATES } from '../src/domain/notification.templates';
import { afterAttempt, deliveryKey, statusOfReceipt } from '../src/domain/delivery.policy';
import { toMsisdn } from '../src/domain/phone-number';
import type { ApplicationSubmittedData, ApplicationTransitionedData } from '../src/domain/request.events';

const LINKS = 'https://layanan.serangkab.go.id';
const submitted: ApplicationSubmittedData = {
  applicationId: '0190a1b2-0000-7000-8000-000000000001',
  trackingNumber: 'SRG-2026-000123',
  serviceId: 'disdukcapil-akta-lahir',
  agencyId: 'disdukcapil',
  applicantId: 'person-1',
  submittedAt: '2026-11-27T02:00:00.000Z',
  dueAt: '2026-12-03T16:59:59.999Z',
};
const eventId = '0190a1b2-0000-7000-8000-0000000000aa';
const app: ApplicationFacts = {
  applicationId: submitted.applicationId,
  trackingNumber: submitted.trackingNumber,
  serviceId: submitted.serviceId,
  agencyId: 'disdukcapil',
  applicantId: 'person-1',
  assigneeId: null,
};
const claimed: ApplicationFacts = { ...app, assigneeId: 'officer-1' };
const staff: AgencyStaff = { officers: ['officer-1', 'officer-2'], admins: ['admin-1'] };
const noStaff: AgencyStaff = { officers: [], admins: [] };
const step = (data: Partial<ApplicationTransitionedData>): ApplicationTransitionedData => ({
  applicationId: app.applicationId,
  action: 'START_VERIFICATION',
  fromStatus: 'SUBMITTED',
  toStatus: 'VERIFICATION',
  at: '2026-11-28T02:00:00.000Z',
  dueAt: '2026-12-03T16:59:59.999Z',
  outcome: '',
  ...data,
});
const who = (entries: Array<{ recipientId: string; kind: string }>) => entries.map((e) => `${e.kind}→${e.recipientId}`);

describe('the inbox entry an ApplicationSubmitted causes', () => {
  it('goes to the applicant with only the template parameters', () => {
    const [entry, ...rest] = onApplicationSubmitted(eventId, submitted);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      recipientId: 'person-1',
      kind: 'APPLICATION_SUBMITTED',
      templateVersion: 1,
      params: {
        applicationId: submitted.applicationId,
        trackingNumber: 'SRG-2026-000123',
        serviceId: 'disdukcapil-akta-lahir',
        dueAt: submitted.dueAt,
      },
    });
  });

  it('has the same id for the same event, and another for another event', () => {
    const [a] = onApplicationSubmitted(eventId, submitted);
    const [again] = onApplicationSubmitted(eventId, submitted);
    const [other] = onApplicationSubmitted('0190a1b2-0000-7000-8000-0000000000bb', submitted);
    expect(again.id).toBe(a.id);
    expect(other.id).not.toBe(a.id);
  });

  it('refuses an event without an applicant or with an unreadable due date', () => {
    expect(() => onApplicationSubmitted(eventId, { ...submitted, applicantId: '' })).toThrow(MalformedEvent);
    expect(() => onApplicationSubmitted(eventId, { ...submitted, dueAt: 'soon' })).toThrow(MalformedEvent);
  });
});

describe('whom each step of an application reaches', () => {
  it('tells the applicant of the first claim only, not of an admin taking it over', () => {
    const data = { applicationId: app.applicationId, officerId: 'officer-1', officerRole: 'OFFICER', at: '2026-11-28T01:00:00.000Z' };
    expect(who(notificationsFor(eventId, { type: 'ApplicationClaimed', data }, app, noStaff))).toEqual(['APPLICATION_CLAIMED→person-1']);
    expect(notificationsFor(eventId, { type: 'ApplicationClaimed', data: { ...data, officerId: 'admin-1' } }, claimed, noStaff)).toEqual([]);
  });

  it("names an officer's workflow step by what it means to the applicant", () => {
    expect(kindOfTransition(step({}))).toBe('APPLICATION_PROGRESSED');
    // Waiting on the citizen: the SLA clock paused, no due date.
    expect(kindOfTransition(step({ action: 'REQUEST_REVISION', toStatus: 'REVISION', dueAt: '' }))).toBe('REVISION_REQUESTED');
    expect(kindOfTransition(step({ action: 'APPROVE', toStatus: 'APPROVED' }))).toBe('APPLICATION_APPROVED');
    expect(kindOfTransition(step({ action: 'REJECT', toStatus: 'REJECTED', dueAt: '', outcome: 'REJECTED' }))).toBe('APPLICATION_REJECTED');
    expect(kindOfTransition(step({ action: 'COMPLETE', toStatus: 'COMPLETED', dueAt: '', outcome: 'COMPLETED' }))).toBe('APPLICATION_COMPLETED');
    expect(who(notificationsFor(eventId, { type: 'ApplicationTransitioned', data: step({ action: 'APPROVE' }) }, claimed, staff))).toEqual([
      'APPLICATION_APPROVED→person-1',
    ]);
  });

  it('invites the applicant to the satisfaction survey once the application is completed or rejected, never before', () => {
    const finished = (outcome: string) => step({ action: outcome === 'REJECTED' ? 'REJECT' : 'COMPLETE', toStatus: outcome, dueAt: '', outcome });
    expect(who(notificationsFor(eventId, { type: 'ApplicationTransitioned', data: finished('COMPLETED') }, claimed, staff))).toEqual([
      'APPLICATION_COMPLETED→person-1',
      'FEEDBACK_INVITED→person-1',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationTransitioned', data: finished('REJECTED') }, claimed, staff))).toEqual([
      'APPLICATION_REJECTED→person-1',
      'FEEDBACK_INVITED→person-1',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationTransitioned', data: step({ action: 'APPROVE' }) }, claimed, staff))).not.toContain(
      'FEEDBACK_INVITED→person-1',
    );
  });

  it('tells the applicant a resubmission arrived, and the officer holding it (or, unclaimed, every officer) that it is to review', () => {
    const data = { applicationId: app.applicationId, at: '2026-11-29T01:00:00.000Z', dueAt: '2026-12-07T16:59:59.999Z' };
    expect(who(notificationsFor(eventId, { type: 'ApplicationResubmitted', data }, claimed, staff))).toEqual([
      'APPLICATION_RESUBMITTED→person-1',
      'RESUBMISSION_TO_REVIEW→officer-1',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationResubmitted', data }, app, staff))).toEqual([
      'APPLICATION_RESUBMITTED→person-1',
      'RESUBMISSION_TO_REVIEW→officer-1',
      'RESUBMISSION_TO_REVIEW→officer-2',
    ]);
  });

  it('confirms a cancellation to the applicant and tells the officer who held it', () => {
    const data = { applicationId: app.applicationId, at: '2026-11-29T01:00:00.000Z' };
    expect(who(notificationsFor(eventId, { type: 'ApplicationCancelled', data }, claimed, staff))).toEqual([
      'APPLICATION_CANCELLED→person-1',
      'APPLICATION_WITHDRAWN→officer-1',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationCancelled', data }, app, staff))).toEqual(['APPLICATION_CANCELLED→person-1']);
  });

  it('warns the officer holding it (or every officer) at 80 %, and escalates a breach to the agency admins and the holder; never to the applicant', () => {
    const sla = { applicationId: app.applicationId, agencyId: 'disdukcapil', dueAt: '2026-12-03T16:59:59.999Z', at: '2026-12-02T03:00:00.000Z' };
    expect(who(notificationsFor(eventId, { type: 'ApplicationSlaWarningRaised', data: sla }, claimed, staff))).toEqual(['SLA_WARNING→officer-1']);
    expect(who(notificationsFor(eventId, { type: 'ApplicationSlaWarningRaised', data: sla }, app, staff))).toEqual([
      'SLA_WARNING→officer-1',
      'SLA_WARNING→officer-2',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationSlaBreached', data: sla }, claimed, staff))).toEqual([
      'SLA_BREACHED→admin-1',
      'SLA_BREACHED→officer-1',
    ]);
    expect(who(notificationsFor(eventId, { type: 'ApplicationSlaBreached', data: sla }, app, staff))).toEqual(['SLA_BREACHED→admin-1']);
  });

  it('says nothing of an application it never saw submitted', () => {
    expect(notificationsFor(eventId, { type: 'ApplicationTransitioned', data: step({}) }, null, staff)).toEqual([]);
  });
});

describe('the templates', () => {
  const params = { applicationId: app.applicationId, trackingNumber: 'SRG-2026-000123', serviceId: 'disdukcapil-akta-lahir', dueAt: submitted.dueAt };

  it('speak Indonesian and English, with the due date as a Jakarta calendar day', () => {
    const [entry] = onApplicationSubmitted(eventId, submitted);
    expect(renderNotification(entry.kind, entry.templateVersion, entry.params, 'id', LINKS)).toMatchObject({
      title: 'Permohonan diterima',
      message: 'Permohonan SRG-2026-000123 telah diterima. Target selesai: 3 Desember 2026.',
    });
    expect(renderNotification(entry.kind, entry.templateVersion, entry.params, 'en', LINKS).message).toBe(
      'Application SRG-2026-000123 has been received. Target completion: 3 December 2026.',
    );
  });

  it('carry a deep link into the citizen’s app or onto the agency’s desk', () => {
    expect(renderNotification('REVISION_REQUESTED', 1, params, 'id', `${LINKS}/`)).toEqual({
      title: 'Perbaikan diperlukan',
      message: `Petugas meminta perbaikan permohonan SRG-2026-000123. Baca catatan petugas dan kirim perbaikan di ${LINKS}/applications/${app.applicationId} — waktu layanan berhenti sampai Anda mengirimnya.`,
      link: `${LINKS}/applications/${app.applicationId}`,
    });
    expect(renderNotification('SLA_BREACHED', 1, params, 'en', LINKS).message).toBe(
      `Application SRG-2026-000123 passed its service deadline of 3 December 2026 without a decision and was escalated. Open ${LINKS}/agency/applications/${app.applicationId}`,
    );
  });

  it('exist for every kind in both languages, each naming only fields its messages carry', () => {
    const withDueDate = new Set([
      'APPLICATION_SUBMITTED',
      'APPLICATION_RESUBMITTED',
      'RESUBMISSION_TO_REVIEW',
      'SLA_WARNING',
      'SLA_BREACHED',
      'COMPLAINT_RECEIVED',
    ]);
    for (const kind of NOTIFICATION_KINDS) {
      for (const v of TEMPLATES[kind].versions) {
        for (const lang of ['id', 'en'] as const) {
          const allowed = ['trackingNumber', 'link', ...(withDueDate.has(kind) ? ['dueDate'] : [])];
          expect({ kind, lang, fields: placeholdersOf(v.title[lang] + v.body[lang]).filter((p) => !allowed.includes(p)) }).toEqual({
            kind,
            lang,
            fields: [],
          });
          const { message } = renderNotification(kind, v.version, params, lang, LINKS);
          expect({ kind, lang, unfilled: message.includes('((') }).toEqual({ kind, lang, unfilled: false });
        }
        expect(v.title.id).not.toBe(v.title.en);
      }
    }
  });

  it('turn the day over at midnight WIB, not at midnight UTC', () => {
    expect(formatDate('2026-12-31T16:59:59.000Z', 'id')).toBe('31 Desember 2026');
    expect(formatDate('2026-12-31T17:00:00.000Z', 'id')).toBe('1 Januari 2027');
    expect(formatDate('2026-12-31T17:00:00.000Z', 'en')).toBe('1 January 2027');
  });
});

describe('what an attempt makes of an e-mail (GOV.UK Notify statuses)', () => {
  const now = new Date('2026-12-03T03:00:00.000Z');
  const policy = { maxAttempts: 4, baseSeconds: 30 };

  it('is delivered only on the provider’s receipt, and permanently failed when it refused for good', () => {
    expect(afterAttempt({ kind: 'accepted', reference: '250 OK', receipt: true }, 1, now, policy)).toEqual({ status: 'delivered', retryAt: null });
    // WhatsApp and SMS answer with an id: sending, until their callback says more.
    expect(afterAttempt({ kind: 'accepted', reference: 'wamid.1', receipt: false }, 1, now, policy)).toEqual({ status: 'sending', retryAt: null });
    expect(statusOfReceipt('whatsapp', 'sent')).toBeNull();
    expect(statusOfReceipt('whatsapp', 'delivered')).toBe('delivered');
    expect(statusOfReceipt('whatsapp', 'read')).toBe('delivered');
    expect(statusOfReceipt('whatsapp', 'failed')).toBe('permanent-failure');
    expect(statusOfReceipt('sms', 'expired')).toBe('temporary-failure');
    expect(afterAttempt({ kind: 'refused', reason: 'SMTP 550' }, 1, now, policy)).toEqual({ status: 'permanent-failure', retryAt: null });
  });

  it('backs off 30 s, 60 s, 120 s after temporary failures, then gives up as a technical failure', () => {
    const at = (attempts: number) => afterAttempt({ kind: 'failed', reason: 'SMTP 451' }, attempts, now, policy);
    expect([1, 2, 3].map((n) => (at(n).retryAt!.getTime() - now.getTime()) / 1000)).toEqual([30, 60, 120]);
    expect(at(3).status).toBe('temporary-failure');
    expect(at(4)).toEqual({ status: 'technical-failure', retryAt: null });
  });

  it('keys one message per event, person and channel', () => {
    expect(deliveryKey(eventId, 'person-1', 'APPLICATION_SUBMITTED', 'email')).toBe(
      deliveryKey(eventId, 'person-1', 'APPLICATION_SUBMITTED', 'email'),
    );
    expect(deliveryKey(eventId, 'person-2', 'APPLICATION_SUBMITTED', 'email')).not.toBe(
      deliveryKey(eventId, 'person-1', 'APPLICATION_SUBMITTED', 'email'),
    );
  });
});

describe('an e-mail of a notification', () => {
  it('speaks Indonesian first and English below, with the link in both', () => {
    const [entry] = onApplicationSubmitted(eventId, submitted);
    const mail = renderEmail(entry.kind, entry.templateVersion, entry.params, LINKS);
    expect(mail.subject).toBe('Permohonan diterima — SRG-2026-000123 / Application received');
    expect(mail.text.indexOf('Permohonan SRG-2026-000123 telah diterima')).toBeLessThan(
      mail.text.indexOf('Application SRG-2026-000123 has been received'),
    );
    expect(mail.text.split(`${LINKS}/applications/${submitted.applicationId}`)).toHaveLength(3);
  });
});

describe('a phone number for SMS and WhatsApp', () => {
  it('is digits with the country code, whatever way it was typed', () => {
    expect(toMsisdn('0812-3456-7890')).toBe('6281234567890');
    expect(toMsisdn('+62 812 3456 7890')).toBe('6281234567890');
    expect(toMsisdn('6281234567890')).toBe('6281234567890');
    expect(toMsisdn('call me')).toBeNull();
  });
});

describe('complaint notifications', () => {
  const complaintId = '0190a000-0000-7000-8000-0000000000c1';
  const filed = (anonymous: boolean) =>
    ({
      type: 'ComplaintFiled',
      data: { complaintId, complainantId: anonymous ? '' : 'citizen-1', anonymous, dueAt: '2026-12-03T16:59:59.999Z' },
    }) as const;

  it('tell a named complainant every status, linking to the complaint, in both languages', () => {
    const [received] = complaintNotificationsFor('e-1', filed(false), null);
    expect(received).toMatchObject({
      recipientId: 'citizen-1',
      kind: 'COMPLAINT_RECEIVED',
      params: { complaintId, dueAt: '2026-12-03T16:59:59.999Z' },
    });
    expect(renderNotification(received.kind, 1, received.params, 'id', LINKS)).toEqual({
      title: 'Pengaduan diterima',
      message: `Pengaduan Anda telah diterima dan akan diverifikasi. Target tindak lanjut: 3 Desember 2026. Pantau di ${LINKS}/complaints/${complaintId}`,
      link: `${LINKS}/complaints/${complaintId}`,
    });
    const kinds = (['ComplaintVerified', 'ComplaintForwarded', 'ComplaintTakenUp', 'ComplaintAnswered', 'ComplaintClosed'] as const).map(
      (type, i) => complaintNotificationsFor(`e-${i + 2}`, { type, data: { complaintId } }, 'citizen-1')[0].kind,
    );
    expect(kinds).toEqual(['COMPLAINT_VERIFIED', 'COMPLAINT_FORWARDED', 'COMPLAINT_IN_PROGRESS', 'COMPLAINT_ANSWERED', 'COMPLAINT_CLOSED']);
    expect(renderEmail('COMPLAINT_ANSWERED', 1, { applicationId: '', trackingNumber: '', serviceId: '', complaintId }, LINKS).subject).toBe(
      'Pengaduan dijawab / Complaint answered',
    );
  });

  it('an anonymous filing names nobody, so nothing is sent for it or its later steps', () => {
    expect(complaintNotificationsFor('e-1', filed(true), null)).toEqual([]);
    expect(complaintNotificationsFor('e-2', { type: 'ComplaintAnswered', data: { complaintId } }, null)).toEqual([]);
  });
});
