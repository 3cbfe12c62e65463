import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError, currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { validate as isUuid } from 'uuid';
import { ApplicationStreams } from '../application/application-streams';
import { CitizenActions } from '../application/citizen-actions';
import { StaffActions } from '../application/staff-actions';
import { SubmitApplicationHandler } from '../application/submit-application';
import { ApplicationNotFound, InputInvalid } from '../domain/request.errors';
import { STAFF_ROLES } from '../domain/staff-roles';
import { ApplicationQueries } from '../infra/application.queries';
import { actorOf, isApplicantOf, isStaffOf } from '../application/applicant-data';
import { fromState } from './application-view';
import { AgencyQueueFilter, Application, ResubmitApplicationInput, SubmitApplicationInput } from './application.models';

/**
 * Applications: citizens submit, follow, correct and cancel their own; an agency's officers, admins
 * and systems work the agency's queue. The token decides whose and which: another citizen's or
 * another agency's application answers NOT_FOUND, exactly like none at all.
 */
@Resolver(() => Application)
export class ApplicationResolver {
  constructor(
    private readonly submit: SubmitApplicationHandler,
    private readonly citizen: CitizenActions,
    private readonly staff: StaffActions,
    private readonly queries: ApplicationQueries,
    private readonly streams: ApplicationStreams,
  ) {}

  @Mutation(() => Application, { description: 'Submit an application (citizens); resending with the same idempotencyKey returns the first result' })
  async submitApplication(@Args('input') input: SubmitApplicationInput, @Context() ctx: RequestContext): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN');
    // The decided state answers at once: the read model may not have caught up yet.
    const app = await this.submit.execute(
      { serviceId: input.serviceId, formData: input.formData, documents: input.documents ?? [], idempotencyKey: input.idempotencyKey },
      { id: user.id, role: 'CITIZEN' },
      currentTraceparent(ctx.traceparent),
    );
    return fromState(app);
  }

  @Mutation(() => Application, {
    description: 'The applicant answers a revision request with corrected form data and documents; the SLA clock runs again',
  })
  async resubmitApplication(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ResubmitApplicationInput,
    @Context() ctx: RequestContext,
  ): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN');
    assertId(id);
    return fromState(
      await this.citizen.resubmit(
        id,
        { formData: input.formData, documents: input.documents ?? [], idempotencyKey: input.idempotencyKey ?? undefined },
        actorOf(user),
        currentTraceparent(ctx.traceparent),
      ),
    );
  }

  @Mutation(() => Application, { description: 'The applicant withdraws their application while nothing is final; cancelling twice answers the same' })
  async cancelApplication(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN');
    assertId(id);
    return fromState(await this.citizen.cancel(id, actorOf(user), currentTraceparent(ctx.traceparent)));
  }

  @Mutation(() => Application, {
    description:
      'Officers, agency admins and agency systems of the agency: CLAIM, or an action the workflow allows their role now; expectedVersion is the version they saw (else CONFLICT)',
  })
  async transitionApplication(
    @Args('id', { type: () => ID }) id: string,
    @Args('action') action: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('note', {
      type: () => String,
      nullable: true,
      description: 'A note to the applicant; required by some actions (a rejection, a revision request)',
    })
    note: string | undefined,
    @Args('outputReference', {
      type: () => String,
      nullable: true,
      description: "The output's reference, e.g. the number of the issued card (COMPLETE)",
    })
    outputReference: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<Application> {
    const user = requireUser(ctx, ...STAFF_ROLES);
    assertId(id);
    const app = await this.staff.execute(
      { applicationId: id, action, expectedVersion, note: note ?? undefined, outputReference: outputReference ?? undefined },
      actorOf(user),
      currentTraceparent(ctx.traceparent),
    );
    return fromState(app);
  }

  @Query(() => [Application], { description: "The caller's own applications, newest first" })
  myApplications(@Context() ctx: RequestContext): Promise<Application[]> {
    return this.queries.mine(requireUser(ctx, 'CITIZEN').id);
  }

  @Query(() => Application, { description: "One application: the applicant's own, or one of the caller's agency (staff)" })
  async application(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN', ...STAFF_ROLES);
    // One application is one stream: read it, not the read model, so a step just taken shows.
    const found = isUuid(id)
      ? await this.streams.load(id).catch((e: unknown) => (e instanceof ApplicationNotFound ? null : Promise.reject(e)))
      : null;
    // Someone else's application, another agency's, and none at all answer the same.
    if (!found || !(isApplicantOf(user, found.applicantId) || isStaffOf(user, found.agencyId))) throw new ApplicationNotFound();
    return fromState(found);
  }

  @Query(() => [Application], {
    description: "The caller's agency's work queue (officers, agency admins, agency systems): open applications, soonest due first",
  })
  async agencyQueue(
    @Args('filter', { type: () => AgencyQueueFilter, nullable: true }) filter: AgencyQueueFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<Application[]> {
    const user = requireUser(ctx, ...STAFF_ROLES);
    if (!user.agency) throw new AppError('FORBIDDEN', 'FORBIDDEN');
    const f = filter ?? {};
    if (f.dueWithinHours != null && (f.dueWithinHours < 0 || f.dueWithinHours > 8760))
      throw new InputInvalid([{ field: 'dueWithinHours', keyword: 'maximum', params: { limit: 8760 }, message: 'between 0 and 8760 hours' }]);
    return this.queries.queue({
      agencyId: user.agency,
      serviceId: f.serviceId ?? undefined,
      status: f.status ?? undefined,
      dueWithinHours: f.dueWithinHours ?? undefined,
      breached: f.breached ?? undefined,
      assigneeId: f.assignedToMe ? user.id : undefined,
      unassigned: f.unassigned ?? false,
      includeClosed: f.includeClosed ?? false,
      limit: Math.min(Math.max(f.first ?? 50, 1), 100),
      offset: Math.max(f.offset ?? 0, 0),
    });
  }
}

function assertId(id: string): void {
  if (!isUuid(id)) throw new ApplicationNotFound();
}
