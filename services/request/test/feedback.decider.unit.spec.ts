import { decodeEvent, encodeEvent } from '@serang/contracts';
import { deciderSpec } from '@serang/testing';
import {
  Feedback,
  type AnswerSurvey,
  type FeedbackActor,
  type GiveComment,
  type SurveyedApplication,
} from '../src/feedback/domain/feedback.aggregate';
import type { FeedbackCommented, FeedbackEvent, SurveyAnswered } from '../src/feedback/domain/feedback.events';
import {
  ApplicationNotFinished,
  FeedbackForbidden,
  FeedbackIdReused,
  FeedbackInvalid,
  FeedbackNotFound,
  SurveyAlreadyAnswered,
} from '../src/feedback/domain/feedback.errors';

const spec = deciderSpec(Feedback);
const now = new Date('2027-01-11T03:00:00Z');
const APP = '0194a1b2-0000-7000-8000-000000000001';
const COMMENT = '0194a1b2-0000-7000-8000-0000000000c1';

const applicant: FeedbackActor = { id: 'citizen-siti', role: 'CITIZEN' };
const otherCitizen: FeedbackActor = { id: 'citizen-ahmad', role: 'CITIZEN' };
const officer: FeedbackActor = { id: 'officer-budi', role: 'OFFICER', agency: 'bapenda' };
const agencyAdmin: FeedbackActor = { id: 'admin-rina', role: 'AGENCY_ADMIN', agency: 'bapenda' };
const platformAdmin: FeedbackActor = { id: 'admin-platform', role: 'PLATFORM_ADMIN' };
const agencySystem: FeedbackActor = { id: 'system-sipbb', role: 'AGENCY_SYSTEM', agency: 'bapenda' };
const STAFF = [officer, agencyAdmin, platformAdmin, agencySystem];

const SCORES = [4, 3, 4, 4, 3, 3, 4, 3, 3];
const application = (outcome: string): SurveyedApplication => ({
  applicationId: APP,
  agencyId: 'bapenda',
  serviceId: 'bapenda-pbb-certificate',
  applicantId: applicant.id,
  outcome,
});
const answer = (actor: FeedbackActor, outcome = 'COMPLETED', over: Partial<AnswerSurvey['data']> = {}): AnswerSurvey => ({
  type: 'AnswerSurvey',
  data: {
    application: application(outcome),
    scores: SCORES,
    profile: { sex: 'FEMALE', ageGroup: '30_39' },
    critiqueCiphertext: 'vault:v1:c',
    suggestionCiphertext: '',
    ...over,
  },
  metadata: { now, actor },
});
const comment = (actor: FeedbackActor, over: Partial<GiveComment['data']> = {}): GiveComment => ({
  type: 'GiveComment',
  data: { feedbackId: COMMENT, agencyId: 'bapenda', serviceId: '', critiqueCiphertext: '', suggestionCiphertext: 'vault:v1:s', ...over },
  metadata: { now, actor },
});

const answered: SurveyAnswered = {
  type: 'SurveyAnswered',
  data: {
    feedbackId: APP,
    applicationId: APP,
    agencyId: 'bapenda',
    serviceId: 'bapenda-pbb-certificate',
    respondentId: applicant.id,
    scores: SCORES,
    ageGroup: '30_39',
    sex: 'FEMALE',
    education: '',
    occupation: '',
    critiqueCiphertext: 'vault:v1:c',
    suggestionCiphertext: '',
    answeredAt: now.toISOString(),
  },
};
const commented: FeedbackCommented = {
  type: 'FeedbackCommented',
  data: {
    feedbackId: COMMENT,
    agencyId: 'bapenda',
    serviceId: '',
    respondentId: applicant.id,
    critiqueCiphertext: '',
    suggestionCiphertext: 'vault:v1:s',
    givenAt: now.toISOString(),
  },
};

/** Every state a feedback stream can be in. */
const STATES: Record<string, FeedbackEvent[]> = { none: [], surveyed: [answered], commented: [commented] };

describe('feedback decider: the survey (state × caller × outcome)', () => {
  it('the applicant answers once a finished application (completed or rejected)', () => {
    spec([]).when(answer(applicant, 'COMPLETED')).then([answered]);
    spec([]).when(answer(applicant, 'REJECTED')).then([answered]);
  });

  it.each(['', 'CANCELLED'])('an application that is running or cancelled ("%s") has no survey yet', (outcome) => {
    spec([]).when(answer(applicant, outcome)).thenThrows(ApplicationNotFinished, { reason: 'FEEDBACK.APPLICATION_NOT_FINISHED', code: 'CONFLICT' });
  });

  it.each(Object.keys(STATES))('in state %s: another citizen is told there is no such application; staff are refused', (state) => {
    spec(STATES[state]).when(answer(otherCitizen)).thenThrows(FeedbackNotFound, { code: 'NOT_FOUND' });
    for (const who of STAFF) spec(STATES[state]).when(answer(who)).thenThrows(FeedbackForbidden, { code: 'FORBIDDEN' });
  });

  it('a second answer is refused; a resend of the same answer changes nothing', () => {
    spec([answered]).when(answer(applicant)).then([]);
    spec([answered])
      .when(answer(applicant, 'COMPLETED', { scores: [4, 4, 4, 4, 4, 4, 4, 4, 4] }))
      .thenThrows(SurveyAlreadyAnswered, { reason: 'FEEDBACK.ALREADY_ANSWERED', code: 'CONFLICT' });
    spec([answered])
      .when(answer(applicant, 'COMPLETED', { profile: { sex: 'MALE' } }))
      .thenThrows(SurveyAlreadyAnswered);
  });

  it('scores: exactly nine, each an integer 1–4; profile codes from the lists', () => {
    spec([])
      .when(answer(applicant, 'COMPLETED', { scores: [4, 4, 4] }))
      .thenThrows(FeedbackInvalid, { fields: { scores: 'FEEDBACK.SCORES_COUNT' } });
    spec([])
      .when(answer(applicant, 'COMPLETED', { scores: [4, 0, 4, 5, 4, 2.5, 4, 4, 1] }))
      .thenThrows(FeedbackInvalid, {
        fields: { 'scores.1': 'FEEDBACK.SCORE_RANGE', 'scores.3': 'FEEDBACK.SCORE_RANGE', 'scores.5': 'FEEDBACK.SCORE_RANGE' },
      });
    spec([])
      .when(answer(applicant, 'COMPLETED', { profile: { education: 'PHD', sex: 'FEMALE' } }))
      .thenThrows(FeedbackInvalid, { fields: { 'profile.education': 'FEEDBACK.PROFILE_OPTION' } });
  });

  it('a survey stream holds a survey: a comment onto it is refused', () => {
    spec([answered])
      .when(comment(applicant, { feedbackId: APP }))
      .thenThrows(FeedbackIdReused);
  });
});

describe('feedback decider: comments on their own (state × caller)', () => {
  it('a citizen comments about an agency; the resend (same key, same stream) changes nothing', () => {
    spec([]).when(comment(applicant)).then([commented]);
    spec([commented]).when(comment(applicant)).then([]);
  });

  it('the same key for another target is a CONFLICT; staff never comment', () => {
    spec([commented])
      .when(comment(applicant, { serviceId: 'bapenda-pbb-certificate' }))
      .thenThrows(FeedbackIdReused, { code: 'CONFLICT' });
    for (const events of Object.values(STATES))
      for (const who of STAFF) spec(events).when(comment(who)).thenThrows(FeedbackForbidden, { reason: 'FEEDBACK.FORBIDDEN' });
  });

  it('a comment says something', () => {
    spec([])
      .when(comment(applicant, { suggestionCiphertext: '' }))
      .thenThrows(FeedbackInvalid, { fields: { critique: 'FEEDBACK.TEXT_REQUIRED' } });
  });
});

describe('feedback events on the wire', () => {
  it.each([answered, commented])('$type round-trips through its protobuf contract', (event) => {
    expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });

  it('the folded state knows the respondent and the scores', () => {
    expect(spec([answered]).state).toMatchObject({
      kind: 'SURVEY',
      respondentId: applicant.id,
      scores: SCORES,
      profile: { sex: 'FEMALE', ageGroup: '30_39' },
    });
  });
});
