import type { ApplicationSubmittedData } from './request.events';

/** One submission as analytics keeps it: who it went to, when, and the Jakarta day it counts on. */
export interface Submission {
  applicationId: string;
  agencyId: string;
  serviceId: string;
  serviceVersion: number;
  submittedAt: string;
  dueAt: string;
  /** YYYY-MM-DD in Asia/Jakarta (WIB): the day an office would say it arrived. */
  day: string;
}

export class MalformedEvent extends Error {
  readonly reason = 'ANALYTICS.MALFORMED_EVENT';
}

const JAKARTA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Asia/Jakarta, as YYYY-MM-DD. */
export function jakartaDay(iso: string): string {
  return JAKARTA_DAY.format(new Date(iso));
}

/** Reads a submission out of the event, or refuses it (the consumer then parks its stream). Pure. */
export function submissionFrom(data: ApplicationSubmittedData): Submission {
  for (const field of ['applicationId', 'agencyId', 'serviceId', 'submittedAt', 'dueAt'] as const) {
    if (typeof data[field] !== 'string' || !data[field]) throw new MalformedEvent(`ApplicationSubmitted lacks ${field}`);
  }
  if (Number.isNaN(Date.parse(data.submittedAt)) || Number.isNaN(Date.parse(data.dueAt)))
    throw new MalformedEvent('ApplicationSubmitted has an invalid instant');
  return {
    applicationId: data.applicationId,
    agencyId: data.agencyId,
    serviceId: data.serviceId,
    serviceVersion: Number(data.serviceVersion ?? 0),
    submittedAt: data.submittedAt,
    dueAt: data.dueAt,
    day: jakartaDay(data.submittedAt),
  };
}
