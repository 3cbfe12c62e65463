import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError, currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { ComplaintActions } from '../application/complaint-actions';
import { ComplaintReader } from '../application/complaint-reader';
import { complaintRole } from '../application/complaint-streams';
import { FileComplaintHandler } from '../application/file-complaint';
import { ReferToLaporHandler } from '../application/refer-to-lapor';
import { ComplaintId } from '../domain/complaint.aggregate';
import { ComplaintInputInvalid } from '../domain/complaint.errors';
import { ComplaintQueries, type CategoryRow } from '../infra/complaint.queries';
import { fromRow, fromView } from './complaint-view';
import { Complaint, ComplaintCategory, ComplaintCategoryInput, ComplaintQueueFilter, FileComplaintInput } from './complaint.models';

const STAFF_AND_ADMINS = ['OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN'] as const;
const TRIAGE = ['RECEIVED', 'VERIFIED'];
const AGENCY_OPEN = ['FORWARDED', 'IN_PROGRESS'];
const ALL = ['RECEIVED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED'];

/**
 * Complaints (pengaduan): citizens file and follow their own; platform admins triage; agencies
 * work the ones forwarded to them. The token decides; the decider says what each caller may do.
 */
@Resolver(() => Complaint)
export class ComplaintResolver {
  constructor(
    private readonly file: FileComplaintHandler,
    private readonly actions: ComplaintActions,
    private readonly reader: ComplaintReader,
    private readonly queries: ComplaintQueries,
    private readonly lapor: ReferToLaporHandler,
  ) {}

  @Mutation(() => Complaint, { description: 'Platform admins refer a verified complaint to SP4N-LAPOR!, the national complaint system (once)' })
  async referComplaintToLapor(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Complaint> {
    const user = requireUser(ctx, 'PLATFORM_ADMIN');
    const traceparent = currentTraceparent(ctx.traceparent);
    const referred = await this.lapor.execute(ComplaintId.from(id), user, traceparent);
    return fromView(await this.reader.afterAction(referred, user, traceparent), ctx.lang, true);
  }

  @Query(() => [ComplaintCategory], { description: 'Complaint categories and their SLAs (inactive ones: platform admins only)' })
  async complaintCategories(
    @Args('includeInactive', { type: () => Boolean, nullable: true }) includeInactive: boolean | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ComplaintCategory[]> {
    if (includeInactive) requireUser(ctx, 'PLATFORM_ADMIN');
    return (await this.queries.categories(!!includeInactive)).map((c) => category(c, ctx));
  }

  @Mutation(() => ComplaintCategory, { description: 'Platform admins add or change a complaint category and its SLA (working days)' })
  async configureComplaintCategory(@Args('input') input: ComplaintCategoryInput, @Context() ctx: RequestContext): Promise<ComplaintCategory> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    const fields: Record<string, string> = {};
    if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(input.code)) fields.code = 'COMPLAINT.CATEGORY_CODE_INVALID';
    if (!input.nameId.trim() || input.nameId.length > 100) fields.nameId = 'COMPLAINT.NAME_INVALID';
    if (!input.nameEn.trim() || input.nameEn.length > 100) fields.nameEn = 'COMPLAINT.NAME_INVALID';
    if (input.slaWorkingDays < 1 || input.slaWorkingDays > 60) fields.slaWorkingDays = 'COMPLAINT.SLA_INVALID';
    if (Object.keys(fields).length) throw new ComplaintInputInvalid(fields);
    return category(await this.queries.upsertCategory({ ...input, nameId: input.nameId.trim(), nameEn: input.nameEn.trim() }), ctx);
  }

  @Mutation(() => Complaint, { description: 'File a complaint (citizens); resending with the same idempotencyKey returns the first' })
  async fileComplaint(@Args('input') input: FileComplaintInput, @Context() ctx: RequestContext): Promise<Complaint> {
    const user = requireUser(ctx, 'CITIZEN');
    const filed = await this.file.execute(
      {
        categoryCode: input.categoryCode,
        text: input.text,
        location: input.location ?? undefined,
        attachmentIds: input.attachmentIds ?? [],
        applicationId: input.applicationId ?? undefined,
        agencyId: input.agencyId ?? undefined,
        anonymous: input.anonymous,
        confidential: input.confidential,
        idempotencyKey: input.idempotencyKey,
      },
      user.id,
      currentTraceparent(ctx.traceparent),
    );
    return fromView(await this.reader.afterAction(filed, user, currentTraceparent(ctx.traceparent)), ctx.lang, false);
  }

  @Mutation(() => Complaint, {
    description:
      'VERIFY (platform admins, agencyId routes it), FORWARD (agencyId: to another agency), TAKE_UP, ANSWER (text), REOPEN (the complainant, once, within 14 days; text: why), CLOSE',
  })
  async transitionComplaint(
    @Args('id', { type: () => ID }) id: string,
    @Args('action') action: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('agencyId', { type: () => String, nullable: true }) agencyId: string | undefined,
    @Args('text', { type: () => String, nullable: true }) text: string | undefined,
    @Context() ctx: RequestContext,
  ): Promise<Complaint> {
    const user = requireUser(ctx, 'CITIZEN', ...STAFF_AND_ADMINS);
    const traceparent = currentTraceparent(ctx.traceparent);
    const decided = await this.actions.execute(
      ComplaintId.from(id),
      { action, expectedVersion, agencyId: agencyId ?? undefined, text: text ?? undefined },
      user,
      traceparent,
    );
    return fromView(await this.reader.afterAction(decided, user, traceparent), ctx.lang, isStaffOrAdmin(user.roles));
  }

  @Query(() => [Complaint], { description: "The caller's own complaints, newest first" })
  async myComplaints(@Context() ctx: RequestContext): Promise<Complaint[]> {
    const user = requireUser(ctx, 'CITIZEN');
    return (await this.queries.mine(user.id)).map((r) => fromRow(r, ctx.lang, false));
  }

  @Query(() => Complaint, { description: 'One complaint: the complainant, platform admins, or staff of the agency it was forwarded to' })
  async complaint(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Complaint> {
    const user = requireUser(ctx, 'CITIZEN', ...STAFF_AND_ADMINS);
    const view = await this.reader.read(ComplaintId.from(id), user, currentTraceparent(ctx.traceparent));
    return fromView(view, ctx.lang, isStaffOrAdmin(user.roles));
  }

  @Query(() => [Complaint], {
    description:
      "Officers and agency admins: the complaints forwarded to their agency, soonest due first; platform admins: every agency's (triage by default)",
  })
  async complaintQueue(
    @Args('filter', { type: () => ComplaintQueueFilter, nullable: true }) filter: ComplaintQueueFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<Complaint[]> {
    const user = requireUser(ctx, ...STAFF_AND_ADMINS);
    const platform = complaintRole(user.roles) === 'PLATFORM_ADMIN';
    if (!platform && !user.agency) throw new AppError('FORBIDDEN', 'FORBIDDEN');
    const f = filter ?? {};
    const statuses = (f.statuses ?? (platform ? TRIAGE : AGENCY_OPEN)).filter((s) => ALL.includes(s));
    // An agency sees only what reached it: never what is still in triage.
    const allowed = platform ? statuses : statuses.filter((s) => !TRIAGE.includes(s));
    const rows = await this.queries.queue({
      agencyId: platform ? undefined : user.agency,
      statuses: allowed,
      breached: f.breached ?? undefined,
      assigneeId: f.assignedToMe ? user.id : undefined,
      limit: Math.min(Math.max(f.first ?? 50, 1), 100),
      offset: Math.max(f.offset ?? 0, 0),
    });
    return rows.map((r) => fromRow(r, ctx.lang, true));
  }
}

const isStaffOrAdmin = (roles: readonly string[]) => complaintRole(roles) !== 'CITIZEN';

function category(c: CategoryRow, ctx: RequestContext): ComplaintCategory {
  return {
    code: c.code,
    name: ctx.lang === 'en' ? c.name_en : c.name_id,
    nameId: c.name_id,
    nameEn: c.name_en,
    slaWorkingDays: c.sla_working_days,
    active: c.active,
  };
}
