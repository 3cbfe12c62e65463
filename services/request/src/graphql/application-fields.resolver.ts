import { Context, ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { currentTraceparent, type Lang, type RequestContext } from '@serang/platform';
import { stateOf } from '@serang/service-definition';
import { PersonDataErasedError, Vault } from '@serang/vault';
import { ApplicationStreams } from '../application/application-streams';
import { NOT_KEPT } from '../application/staff-actions';
import { StaffReads } from '../application/staff-reads';
import { formField } from '../application/submit-application';
import { applicantActions, CANCELLED, staffActions, type AllowedAction } from '../domain/application.decider';
import type { ServiceDefinition } from '../domain/service-definition';
import { ServiceDefinitions } from '../infra/service-definitions.queries';
import { actorOf, isApplicantOf, isStaffOf } from './application-view';
import { Application, AvailableAction, Service, TimelineEntry, User } from './application.models';

const CANCELLED_NAME = { id: 'Dibatalkan', en: 'Cancelled' };

/**
 * The parts of an application that depend on who asks: the applicant and their agency's staff
 * see the form, notes and output reference (staff reads of the form are audited first); the
 * applicant's identity is identity's to resolve; everyone else gets nothing of it.
 */
@Resolver(() => Application)
export class ApplicationFieldsResolver {
  constructor(
    private readonly definitions: ServiceDefinitions,
    private readonly streams: ApplicationStreams,
    private readonly reads: StaffReads,
    private readonly vault: Vault,
  ) {}

  /** Asked of the key table (not of a replica's key cache) once per applicant per request: a list's fields share it. */
  private readonly erasedIn = new WeakMap<RequestContext, Map<string, Promise<boolean>>>();

  private isErased(ctx: RequestContext, applicantId: string): Promise<boolean> {
    let asked = this.erasedIn.get(ctx);
    if (!asked) this.erasedIn.set(ctx, (asked = new Map()));
    let answer = asked.get(applicantId);
    if (!answer) asked.set(applicantId, (answer = this.vault.isErased(applicantId)));
    return answer;
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
  async formData(@Parent() a: Application, @Context() ctx: RequestContext): Promise<string | null> {
    const own = isApplicantOf(ctx.user, a.applicantId);
    if (!own && !isStaffOf(ctx.user, a.agencyId)) return null;
    const ciphertext = a.formCiphertext ?? (await this.streams.load(a.id)).formCiphertext;
    // An erased applicant's form is gone: there is nothing to read, so nothing to audit.
    if (!own && (await this.isErased(ctx, a.applicantId))) return null;
    if (!own)
      await this.reads.record(
        { reader: actorOf(ctx.user!), subjectId: a.applicantId, purpose: 'FORM_READ', fields: ['form'], applicationId: a.id },
        currentTraceparent(ctx.traceparent),
      );
    return this.open(a.applicantId, formField(a.id), ciphertext);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The output's reference once completed (e.g. the issued card's number): the applicant and their agency's staff",
  })
  async outputReference(@Parent() a: Application, @Context() ctx: RequestContext): Promise<string | null> {
    if (!isApplicantOf(ctx.user, a.applicantId) && !isStaffOf(ctx.user, a.agencyId)) return null;
    if (await this.isErased(ctx, a.applicantId)) return null;
    const ciphertext =
      a.outputReferenceCiphertext !== undefined ? a.outputReferenceCiphertext : (await this.streams.load(a.id)).outputReferenceCiphertext;
    return ciphertext ? this.open(a.applicantId, `application:${a.id}:output`, ciphertext) : null;
  }

  @ResolveField(() => [TimelineEntry])
  async timeline(@Parent() a: Application, @Context() ctx: RequestContext): Promise<TimelineEntry[]> {
    const mayRead =
      (isApplicantOf(ctx.user, a.applicantId) || isStaffOf(ctx.user, a.agencyId)) &&
      !(a.timeline.some((t) => t.note) && (await this.isErased(ctx, a.applicantId)));
    const definition = await this.definition(a);
    return Promise.all(
      a.timeline.map(async (t) => {
        const note = t.note && mayRead ? await this.open(a.applicantId, `application:${a.id}:note:${t.version}`, t.note) : null;
        return { ...t, statusName: nameOf(definition, t.status, ctx.lang), note };
      }),
    );
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

  /** An erased applicant's data is gone: the field shows nothing rather than failing the answer. */
  private async open(personId: string, field: string, ciphertext: string): Promise<string | null> {
    if (ciphertext === NOT_KEPT) return null;
    try {
      return await this.vault.decrypt(personId, field, ciphertext);
    } catch (e) {
      if (e instanceof PersonDataErasedError) return null;
      throw e;
    }
  }
}

function nameOf(definition: ServiceDefinition | null, status: string, lang: Lang): string {
  if (status === CANCELLED) return CANCELLED_NAME[lang];
  const s = definition && stateOf(definition.workflow, status);
  return s ? (lang === 'en' ? s.nameEn : s.nameId) : status;
}
