import type { Aggregate, Command } from '@serang/eventstore';
import { idKind } from '@serang/domain';
import type { FeedbackEvent, SurveyAnswered } from './feedback.events';
import {
  ApplicationNotFinished,
  FeedbackForbidden,
  FeedbackIdReused,
  FeedbackInvalid,
  FeedbackNotFound,
  SurveyAlreadyAnswered,
} from './feedback.errors';
import { surveyProblems, type RespondentProfile } from './survey';

/** A feedback stream's id: the application's id for a survey, a fresh (or key-derived) UUID for a comment. */
export const FeedbackId = idKind<'FeedbackId'>(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, () => new FeedbackNotFound());

/** Who gives feedback, as the token says. */
export interface FeedbackActor {
  id: string;
  role: string;
  agency?: string;
}

/** What the survey needs to know of the application it is about (from the application's own stream). */
export interface SurveyedApplication {
  applicationId: string;
  agencyId: string;
  serviceId: string;
  applicantId: string;
  /** COMPLETED or REJECTED once finished; CANCELLED, or '' while it runs. */
  outcome: string;
}

/** The applicant answers the satisfaction survey of their finished application; a resend of the same answer changes nothing. */
export type AnswerSurvey = Command<
  'AnswerSurvey',
  {
    application: SurveyedApplication;
    scores: readonly number[];
    profile: RespondentProfile;
    /** Vault ciphertexts under the respondent's key; '' when none. */
    critiqueCiphertext: string;
    suggestionCiphertext: string;
  },
  FeedbackActor
>;

/** A citizen gives critique or suggestions about an agency or one of its services (known to exist: checked before). */
export type GiveComment = Command<
  'GiveComment',
  { feedbackId: string; agencyId: string; serviceId: string; critiqueCiphertext: string; suggestionCiphertext: string },
  FeedbackActor
>;

export type FeedbackCommand = AnswerSurvey | GiveComment;

/** One piece of feedback as its stream tells it. */
export type FeedbackState =
  | { kind: 'NONE' }
  | {
      kind: 'SURVEY' | 'COMMENT';
      feedbackId: string;
      respondentId: string;
      agencyId: string;
      serviceId: string;
      applicationId: string;
      scores: readonly number[];
      profile: RespondentProfile;
      critiqueCiphertext: string;
      suggestionCiphertext: string;
      givenAt: string;
    };

export const initialFeedbackState: FeedbackState = { kind: 'NONE' };

/** Outcomes after which the applicant may answer the survey. */
const SURVEYABLE: ReadonlySet<string> = new Set(['COMPLETED', 'REJECTED']);

/**
 * Decides what a citizen's feedback does to one feedback stream. Pure: no I/O, no clock. Staff never
 * give feedback; someone else's application looks like none; a survey is answered once.
 */
export function decideFeedback(command: FeedbackCommand, state: FeedbackState): FeedbackEvent[] {
  const { actor, now } = command.metadata;
  if (actor.role !== 'CITIZEN') throw new FeedbackForbidden();
  switch (command.type) {
    case 'AnswerSurvey': {
      const { application: app, scores, profile } = command.data;
      if (app.applicantId !== actor.id) throw new FeedbackNotFound();
      if (state.kind !== 'NONE') {
        // A resend after a lost answer (same respondent, same scores and profile) answers the same.
        if (state.respondentId === actor.id && sameScores(state.scores, scores) && sameProfile(state.profile, profile)) return [];
        throw new SurveyAlreadyAnswered();
      }
      if (!SURVEYABLE.has(app.outcome)) throw new ApplicationNotFinished();
      const problems = surveyProblems(scores, profile);
      if (Object.keys(problems).length > 0) throw new FeedbackInvalid(problems);
      return [survey(command, now)];
    }
    case 'GiveComment': {
      const d = command.data;
      if (state.kind !== 'NONE') {
        if (state.kind === 'COMMENT' && state.respondentId === actor.id && state.agencyId === d.agencyId && state.serviceId === d.serviceId)
          return [];
        throw new FeedbackIdReused();
      }
      if (!d.critiqueCiphertext && !d.suggestionCiphertext) throw new FeedbackInvalid({ critique: 'FEEDBACK.TEXT_REQUIRED' });
      return [
        {
          type: 'FeedbackCommented',
          data: {
            feedbackId: d.feedbackId,
            agencyId: d.agencyId,
            serviceId: d.serviceId,
            respondentId: actor.id,
            critiqueCiphertext: d.critiqueCiphertext,
            suggestionCiphertext: d.suggestionCiphertext,
            givenAt: now.toISOString(),
          },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function survey(c: AnswerSurvey, now: Date): SurveyAnswered {
  const { application: app, profile } = c.data;
  return {
    type: 'SurveyAnswered',
    data: {
      feedbackId: app.applicationId,
      applicationId: app.applicationId,
      agencyId: app.agencyId,
      serviceId: app.serviceId,
      respondentId: c.metadata.actor.id,
      scores: [...c.data.scores],
      ageGroup: profile.ageGroup ?? '',
      sex: profile.sex ?? '',
      education: profile.education ?? '',
      occupation: profile.occupation ?? '',
      critiqueCiphertext: c.data.critiqueCiphertext,
      suggestionCiphertext: c.data.suggestionCiphertext,
      answeredAt: now.toISOString(),
    },
  };
}

const sameScores = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((s, i) => s === b[i]);
const sameProfile = (a: RespondentProfile, b: RespondentProfile) =>
  (['ageGroup', 'sex', 'education', 'occupation'] as const).every((f) => (a[f] ?? '') === (b[f] ?? ''));

/** Folds one event into the state; replaying a stream always gives the same feedback. */
export function evolveFeedback(state: FeedbackState, event: FeedbackEvent): FeedbackState {
  switch (event.type) {
    case 'SurveyAnswered': {
      const d = event.data;
      const profile: RespondentProfile = {};
      for (const f of ['ageGroup', 'sex', 'education', 'occupation'] as const) if (d[f]) profile[f] = d[f];
      return {
        kind: 'SURVEY',
        feedbackId: d.feedbackId,
        respondentId: d.respondentId,
        agencyId: d.agencyId,
        serviceId: d.serviceId,
        applicationId: d.applicationId,
        scores: d.scores,
        profile,
        critiqueCiphertext: d.critiqueCiphertext,
        suggestionCiphertext: d.suggestionCiphertext,
        givenAt: d.answeredAt,
      };
    }
    case 'FeedbackCommented': {
      const d = event.data;
      return {
        kind: 'COMMENT',
        feedbackId: d.feedbackId,
        respondentId: d.respondentId,
        agencyId: d.agencyId,
        serviceId: d.serviceId,
        applicationId: '',
        scores: [],
        profile: {},
        critiqueCiphertext: d.critiqueCiphertext,
        suggestionCiphertext: d.suggestionCiphertext,
        givenAt: d.givenAt,
      };
    }
    default:
      return state;
  }
}

/** Feedback on the one write path: stream `feedback-<id>`. */
export const Feedback: Aggregate<FeedbackCommand, FeedbackEvent, FeedbackState> = {
  category: 'feedback',
  initialState: initialFeedbackState,
  decide: (command, state) => decideFeedback(command, state),
  evolve: (state, event) => evolveFeedback(state, event),
};
