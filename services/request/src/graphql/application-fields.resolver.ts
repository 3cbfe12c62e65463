import { Context, ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { currentTraceparent, type Lang, type RequestContext } from '@serang/platform';
import { stateOf } from '@serang/service-definition';
import { actorOf, ApplicantDataReader, isApplicantOf, isStaffOf, type ApplicantData } from '../application/applicant-data';
import { applicantActions, CANCELLED, staffActions, type AllowedAction } from '../domain/application.decider';
import type { ServiceDefinition } from '../domain/service-definition';
import { ServiceDefinitions } from '../infra/service-definitions.queries';
import { Application, AvailableAction, Service, TimelineEntry, User } from './application.models';

const CANCELLED_NAME = { id: 'Dibatalkan', en: 'Cancelled' };

/**
 * The parts of an application that depend on who asks: the applicant and their agency's staff
 * see the form, notes and output reference (ApplicantData decides, decrypts and audits); the
 * applicant's identity is identity's to resolve; everyone else gets nothing of it.
 */
@Resolver(() => Application)
export class ApplicationFieldsResolver {
  constructor(
    private readonly definitions: ServiceDefinitions,
    private readonly reader: ApplicantDataReader,
  ) {}

  /** One per request: a list's rows share what was asked of the key table. */
  private readonly applicantData = new WeakMap<RequestContext, ApplicantData>();

  private dataFor(ctx: RequestContext): ApplicantData {
    let data = this.applicantData.get(ctx);
    if (!data) this.applicantData.set(ctx, (data = this.reader.for(ctx.user, currentTraceparent(ctx.traceparent))));
    return data;
  }

  /** The service as published in the version the application was submitted under (catalogue resolves it). */
  @ResolveField(() => Service)
  service(@Parent() a: Application): Service {
    return { id: a.serviceId, version: a.serviceVersion };
  }

  @ResolveField(() => String, { description: "The status's name in the caller's language" })
  async statusName(@Parent() a: Application, @Context() ctx: RequestContext): Promise<string> {
    return nameOf(await this.definition(a), a.status, ctx.lang);
  }

  @ResolveField(() => Boolean, { description: 'Waiting on the citizen: the SLA clock stands still' })
  slaPaused(@Parent() a: Application): boolean {
    return !a.closed && a.dueAt === null;
  }

  @ResolveField(() => ID, { nullable: true, description: 'The officer who claimed it (the agency staff only)' })
  assigneeId(@Parent() a: Application, @Context() ctx: RequestContext): string | null {
    return isStaffOf(ctx.user, a.agencyId) ? a.assigneeId : null;
  }

  @ResolveField(() => Boolean, { description: 'Breached: the agency admins must see to it' })
  escalated(@Parent() a: Application): boolean {
    return a.slaBreached && !a.closed;
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'The applicant (their agency staff and themself): identity decides what of them each may see',
  })
  applicant(@Parent() a: Application, @Context() ctx: RequestContext): User | null {
    return isStaffOf(ctx.user, a.agencyId) || isApplicantOf(ctx.user, a.applicantId) ? { id: a.applicantId } : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The form's answers as JSON text: the applicant, and their agency's staff (each staff read is audited)",
  })
  formData(@Parent() a: Application, @Context() ctx: RequestContext): Promise<string | null> {
    return this.dataFor(ctx).formData(a);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The output's reference once completed (e.g. the issued card's number): the applicant and their agency's staff",
  })
  outputReference(@Parent() a: Application, @Context() ctx: RequestContext): Promise<string | null> {
    return this.dataFor(ctx).outputReference(a);
  }

  @ResolveField(() => [TimelineEntry])
  async timeline(@Parent() a: Application, @Context() ctx: RequestContext): Promise<TimelineEntry[]> {
    const [definition, notes] = await Promise.all([this.definition(a), this.dataFor(ctx).notes(a)]);
    return a.timeline.map((t, i) => ({ ...t, statusName: nameOf(definition, t.status, ctx.lang), note: notes[i] }));
  }

  @ResolveField(() => [AvailableAction], { description: 'What the caller can do now: the buttons a client shows' })
  async availableActions(@Parent() a: Application, @Context() ctx: RequestContext): Promise<AvailableAction[]> {
    const user = ctx.user;
    if (!user || a.closed) return [];
    const definition = await this.definition(a);
    if (!definition) return [];
    // The domain says what is allowed; this only maps it to the caller's language.
    const button = ({ nameId, nameEn, ...rest }: AllowedAction): AvailableAction => ({ ...rest, name: ctx.lang === 'en' ? nameEn : nameId });
    if (isApplicantOf(user, a.applicantId)) return applicantActions(definition.workflow, a).map(button);
    if (!isStaffOf(user, a.agencyId)) return [];
    return staffActions(definition.workflow, a, actorOf(user)).map(button);
  }

  private definition(a: Application): Promise<ServiceDefinition | null> {
    return this.definitions.version(a.serviceId, a.serviceVersion);
  }
}

function nameOf(definition: ServiceDefinition | null, status: string, lang: Lang): string {
  if (status === CANCELLED) return CANCELLED_NAME[lang];
  const s = definition && stateOf(definition.workflow, status);
  return s ? (lang === 'en' ? s.nameEn : s.nameId) : status;
}
