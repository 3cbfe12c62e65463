/** What notification remembers of an application from request's events: whom its messages go to. No personal data. */
export interface ApplicationFacts {
  applicationId: string;
  trackingNumber: string;
  serviceId: string;
  agencyId: string;
  applicantId: string;
  /** The officer (or agency admin) who claimed it last; null while unclaimed. */
  assigneeId: string | null;
}

/** An agency's staff as identity's events tell them: officers and agency admins, by person id. */
export interface AgencyStaff {
  officers: string[];
  admins: string[];
}
