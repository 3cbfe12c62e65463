import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@serang/platform';
import { PersonDataErasedError, Vault } from '@serang/vault';
import type { Application, ApplicationActor, ApplicationCommand } from '../domain/application.decider';
import { InputInvalid, type FieldIssue } from '../domain/request.errors';
import { SUBMISSION_POLICY, type SubmissionPolicy } from './submission-policy';
import { ApplicationStreams } from './application-streams';

export interface StaffCommand {
  applicationId: string;
  /** CLAIM, or an action of the service's workflow. */
  action: string;
  /** The version the officer saw: acting on an older one is a CONFLICT. */
  expectedVersion: number;
  note?: string;
  outputReference?: string;
}

const NOTE_MAX = 2000;
const OUTPUT_REFERENCE_MAX = 100;

/**
 * Officers, agency admins and agency systems work an application: CLAIM it, then take the
 * actions the workflow of its service version gives their role. A note or output reference is
 * personal (it speaks of the applicant, or identifies them): encrypted under the applicant's key.
 */
@Injectable()
export class StaffActions {
  constructor(
    private readonly streams: ApplicationStreams,
    private readonly vault: Vault,
    @Inject(SUBMISSION_POLICY) private readonly policy: SubmissionPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(c: StaffCommand, actor: ApplicationActor, traceparent?: string): Promise<Application> {
    const note = c.note?.trim() || undefined;
    const output = c.outputReference?.trim() || undefined;
    const issues: FieldIssue[] = [];
    if (note && note.length > NOTE_MAX)
      issues.push({ field: 'note', keyword: 'maxLength', params: { limit: NOTE_MAX }, message: `at most ${NOTE_MAX} characters` });
    if (output && output.length > OUTPUT_REFERENCE_MAX)
      issues.push({
        field: 'outputReference',
        keyword: 'maxLength',
        params: { limit: OUTPUT_REFERENCE_MAX },
        message: `at most ${OUTPUT_REFERENCE_MAX} characters`,
      });
    if (issues.length) throw new InputInvalid(issues);

    const metadata = { now: this.clock.now(), actor, traceparent };
    return this.streams.decide(c.applicationId, async (state): Promise<ApplicationCommand> => {
      const { workflow } = await this.streams.definitionOf(state);
      if (c.action === 'CLAIM') return { type: 'ClaimApplication', data: { expectedVersion: c.expectedVersion, workflow }, metadata };
      return {
        type: 'TakeAction',
        data: {
          action: c.action,
          expectedVersion: c.expectedVersion,
          workflow,
          calendar: this.policy.calendar,
          noteCiphertext: note && (await this.seal(state.applicantId, `application:${state.id}:note:${state.version + 1}`, note)),
          outputReferenceCiphertext: output && (await this.seal(state.applicantId, `application:${state.id}:output`, output)),
        },
        metadata,
      };
    });
  }

  /**
   * Under the applicant's key; for an erased applicant there is no key and nobody to tell: the
   * note is not kept (the record of the step is), marked so that it reads as no note.
   */
  private async seal(applicantId: string, field: string, text: string): Promise<string> {
    try {
      return await this.vault.encrypt(applicantId, field, text);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return NOT_KEPT;
      throw e;
    }
  }
}

/** A note or output reference that was given but not kept (its applicant was erased). */
export const NOT_KEPT = 'not-kept:applicant-erased';
