import type { WorkingDayCalendar } from '../domain/working-days';

/** The configured rules a submission follows: the tracking-number prefix and the working-day calendar. */
export interface SubmissionPolicy {
  trackingPrefix: string;
  calendar: WorkingDayCalendar;
}

export const SUBMISSION_POLICY = Symbol('SUBMISSION_POLICY');
