import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler } from '@serang/eventstore';
import { CLOCK, PG_POOL, type Clock } from '@serang/platform';
import { stateOf } from '@serang/service-definition';
import { Vault } from '@serang/vault';
import type { Pool } from 'pg';
import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import { ApplicationStreams } from '../../application/application-streams';
import { CANCELLED, type Application } from '../../domain/application.decider';
import { ApplicationNotFound } from '../../domain/request.errors';
import { ServiceDefinitions } from '../../infra/service-definitions.queries';
import { Feedback, FeedbackId, type FeedbackActor, type FeedbackState, type SurveyedApplication } from '../domain/feedback.aggregate';
import { FeedbackInvalid, FeedbackNotFound, SurveyAlreadyAnswered } from '../domain/feedback.errors';
import type { RespondentProfile } from '../domain/survey';

export interface FeedbackInput {
  /** A finished application of the caller's: the survey (scores required). */
  applicationId?: string;
  /** Otherwise: critique/suggestions about an agency, or one of its services. */
  agencyId?: string;
  serviceId?: string;
  scores?: readonly number[];
  profile?: RespondentProfile;
  critique?: string;
  suggestion?: string;
  /** For comments: a resend with the same key answers the first comment (surveys are once per application anyway). */
  idempotencyKey?: string;
}

export const TEXT_MAX = 2000;
/** Comment ids are derived from (caller, key): a resend lands on the same stream, whatever the network did. */
const COMMENT_NAMESPACE = '6f1d3c2e-5b1a-4f7e-9a35-2a4c1e0b7d11';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/**
 * A citizen gives feedback: the IKM survey of their finished application (once), or critique and
 * suggestions on their own. Gathers what the decider cannot know (the application's outcome under
 * its own workflow, whether a service or agency exists), seals the free text under the
 * respondent's key, and hands the rest to the handler.
 */
@Injectable()
export class GiveFeedbackHandler {
  constructor(
    private readonly handler: CommandHandler,
    private readonly applications: ApplicationStreams,
    private readonly definitions: ServiceDefinitions,
    private readonly vault: Vault,
    @Inject(PG_POOL) private readonly db: Pool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: FeedbackInput, actor: FeedbackActor, traceparent?: string): Promise<FeedbackState & { kind: 'SURVEY' | 'COMMENT' }> {
    const critique = input.critique?.trim() ?? '';
    const suggestion = input.suggestion?.trim() ?? '';
    const fields: Record<string, string> = {};
    if ([...critique].length > TEXT_MAX) fields.critique = 'FEEDBACK.TEXT_TOO_LONG';
    if ([...suggestion].length > TEXT_MAX) fields.suggestion = 'FEEDBACK.TEXT_TOO_LONG';
    if (input.idempotencyKey && !IDEMPOTENCY_KEY.test(input.idempotencyKey)) fields.idempotencyKey = 'FORM.pattern';
    if (!input.applicationId && !input.agencyId && !input.serviceId) fields.applicationId = 'FEEDBACK.TARGET_REQUIRED';
    if (input.applicationId && !input.scores) fields.scores = 'FEEDBACK.SCORES_COUNT';
    if (Object.keys(fields).length) throw new FeedbackInvalid(fields);
    const metadata = { now: this.clock.now(), actor, traceparent };
    const seal = (id: string, field: string, text: string) =>
      text ? this.vault.encrypt(actor.id, `feedback:${id}:${field}`, text) : Promise.resolve('');

    let handled;
    if (input.applicationId) {
      const application = await this.surveyed(input.applicationId, actor);
      const id = application.applicationId;
      const [critiqueCiphertext, suggestionCiphertext] = await Promise.all([seal(id, 'critique', critique), seal(id, 'suggestion', suggestion)]);
      handled = await this.handler.handle(
        Feedback,
        id,
        {
          type: 'AnswerSurvey',
          data: { application, scores: input.scores!, profile: input.profile ?? {}, critiqueCiphertext, suggestionCiphertext },
          metadata,
        },
        // Whether a feedback exists is all a decision reads: a racing write is decided again (an identical resend then answers the first).
        { retryWhen: () => true, conflict: () => new SurveyAlreadyAnswered() },
      );
    } else {
      const target = await this.target(input.agencyId, input.serviceId);
      const id = input.idempotencyKey ? uuidv5(`${actor.id}\u0000${input.idempotencyKey}`, COMMENT_NAMESPACE) : uuidv7();
      const [critiqueCiphertext, suggestionCiphertext] = await Promise.all([seal(id, 'critique', critique), seal(id, 'suggestion', suggestion)]);
      handled = await this.handler.handle(
        Feedback,
        id,
        {
          type: 'GiveComment',
          data: { feedbackId: id, ...target, critiqueCiphertext, suggestionCiphertext },
          metadata,
        },
        { retryWhen: () => true },
      );
    }
    if (handled.state.kind === 'NONE') throw new Error('feedback decided nothing on a new stream'); // the decider always answers or refuses
    return handled.state;
  }

  /** The application as the survey sees it: its applicant and outcome under its own workflow. */
  private async surveyed(applicationId: string, actor: FeedbackActor): Promise<SurveyedApplication> {
    let app: Application;
    try {
      app = await this.applications.load(FeedbackId.from(applicationId));
    } catch (e) {
      if (e instanceof ApplicationNotFound) throw new FeedbackNotFound();
      throw e;
    }
    // Someone else's application answers like none, before anything about it is read.
    if (app.applicantId !== actor.id) throw new FeedbackNotFound();
    const { workflow } = await this.applications.definitionOf(app);
    const outcome = !app.closed ? '' : app.status === CANCELLED ? CANCELLED : (stateOf(workflow, app.status)?.outcome ?? 'COMPLETED');
    return { applicationId: app.id, agencyId: app.agencyId, serviceId: app.serviceId, applicantId: app.applicantId, outcome };
  }

  /** A service names its agency; an agency alone must be one request knows (it published a service). */
  private async target(agencyId?: string, serviceId?: string): Promise<{ agencyId: string; serviceId: string }> {
    if (serviceId) {
      const d = await this.definitions.latest(serviceId);
      if (!d || (agencyId && d.agencyId !== agencyId)) throw new FeedbackInvalid({ serviceId: 'FEEDBACK.SERVICE_UNKNOWN' });
      return { agencyId: d.agencyId, serviceId };
    }
    const { rowCount } = await this.db.query('select 1 from request.service_definitions where agency_id = $1 limit 1', [agencyId]);
    if (!rowCount) throw new FeedbackInvalid({ agencyId: 'FEEDBACK.AGENCY_UNKNOWN' });
    return { agencyId: agencyId!, serviceId: '' };
  }
}
