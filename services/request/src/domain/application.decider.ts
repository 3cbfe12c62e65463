import type { ApplicationEvent, ApplicationSubmitted } from './application.events';
import { ApplicationAlreadySubmitted } from './request.errors';
import type { ServiceDefinition } from './service-definition';
import type { TrackingNumber } from './tracking-number';
import { slaDueAt, type WorkingDayCalendar } from './working-days';

/** Who acted, as the access token says. */
export interface ApplicationActor {
  id: string;
  role: string;
}

/** One step of an application's history, as the citizen's tracking shows it. */
export interface TimelineEntry {
  status: string;
  at: Date;
  actorRole: string;
  /** An officer's note (a vault ciphertext once there are notes); none on submission. */
  note: string | null;
}

/** An application (permohonan) as its events tell it. */
export interface Application {
  status: 'SUBMITTED';
  id: string;
  trackingNumber: string;
  /** Number of events so far: the version an officer's command must name. */
  version: number;
  serviceId: string;
  serviceVersion: number;
  agencyId: string;
  applicantId: string;
  formCiphertext: string;
  documentIds: string[];
  submittedAt: Date;
  dueAt: Date;
  timeline: TimelineEntry[];
}

export type ApplicationState = { status: 'NONE'; version: 0 } | Application;

export const initialState: ApplicationState = { status: 'NONE', version: 0 };

/**
 * A citizen submits a filled-in form for the latest published version of a service. Everything
 * that is not pure comes in: the id and tracking number (random), the form already encrypted
 * with the applicant's key, the time, the actor and the working-day calendar in force.
 */
export interface SubmitApplication {
  type: 'SubmitApplication';
  data: {
    applicationId: string;
    trackingNumber: TrackingNumber;
    service: Pick<ServiceDefinition, 'serviceId' | 'version' | 'agencyId' | 'slaWorkingDays'>;
    formCiphertext: string;
    documentIds: readonly string[];
    calendar: WorkingDayCalendar;
  };
  metadata: { now: Date; actor: ApplicationActor };
}

export type ApplicationCommand = SubmitApplication;

/** Decides what a citizen's or officer's command does to one application. Pure: no I/O, no clock. */
export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'SubmitApplication':
      return submit(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

function submit(command: SubmitApplication, state: ApplicationState): ApplicationSubmitted[] {
  const { data, metadata } = command;
  if (state.status !== 'NONE') throw new ApplicationAlreadySubmitted(data.applicationId);
  const dueAt = slaDueAt(metadata.now, data.service.slaWorkingDays, data.calendar);
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: data.applicationId,
        trackingNumber: data.trackingNumber,
        serviceId: data.service.serviceId,
        serviceVersion: data.service.version,
        agencyId: data.service.agencyId,
        applicantId: metadata.actor.id,
        formCiphertext: data.formCiphertext,
        documentIds: [...data.documentIds],
        submittedAt: metadata.now.toISOString(),
        dueAt: dueAt.toISOString(),
      },
    },
  ];
}

/** Folds one event into the state; replaying a stream always gives the same application. */
export function evolve(state: ApplicationState, event: ApplicationEvent): ApplicationState {
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const d = event.data;
      const submittedAt = new Date(d.submittedAt);
      return {
        status: 'SUBMITTED',
        id: d.applicationId,
        trackingNumber: d.trackingNumber,
        version: state.version + 1,
        serviceId: d.serviceId,
        serviceVersion: d.serviceVersion,
        agencyId: d.agencyId,
        applicantId: d.applicantId,
        formCiphertext: d.formCiphertext,
        documentIds: d.documentIds,
        submittedAt,
        dueAt: new Date(d.dueAt),
        // Only the applicant submits (the resolver requires the CITIZEN role).
        timeline: [{ status: 'SUBMITTED', at: submittedAt, actorRole: 'CITIZEN', note: null }],
      };
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown event ${String(unknown)}`);
    }
  }
}
