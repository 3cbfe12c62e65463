import type { ApplicationSubmittedData } from '../src/domain/request.events';
import { MalformedEvent, onApplicationSubmitted } from '../src/domain/inbox.policy';
import { formatDate, renderNotification } from '../src/domain/notification.templates';

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

describe('the inbox entry an ApplicationSubmitted causes', () => {
  it('goes to the applicant with only the template parameters', () => {
    const [entry, ...rest] = onApplicationSubmitted(eventId, submitted);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      recipientId: 'person-1',
      kind: 'APPLICATION_SUBMITTED',
      params: { applicationId: submitted.applicationId, trackingNumber: 'SRG-2026-000123', serviceId: 'disdukcapil-akta-lahir', dueAt: submitted.dueAt },
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

describe('rendering a notification', () => {
  const [entry] = onApplicationSubmitted(eventId, submitted);

  it('speaks Indonesian and English, with the due date as a Jakarta calendar day', () => {
    expect(renderNotification(entry.kind, entry.params, 'id')).toEqual({
      title: 'Permohonan diterima',
      message: 'Permohonan SRG-2026-000123 telah diterima. Target selesai: 3 Desember 2026.',
    });
    expect(renderNotification(entry.kind, entry.params, 'en').message).toBe('Application SRG-2026-000123 has been received. Target completion: 3 December 2026.');
  });

  it('turns the day over at midnight WIB, not at midnight UTC', () => {
    expect(formatDate('2026-12-31T16:59:59.000Z', 'id')).toBe('31 Desember 2026');
    expect(formatDate('2026-12-31T17:00:00.000Z', 'id')).toBe('1 Januari 2027');
    expect(formatDate('2026-12-31T17:00:00.000Z', 'en')).toBe('1 January 2027');
  });
});
