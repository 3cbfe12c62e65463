import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError, currentTraceparent, type RequestContext } from '@serang/platform';
import { ServiceAuthoring } from '../application/service-authoring';
import { ServiceNotFound } from '../domain/service.errors';
import type { ExistingService } from '../domain/service.aggregate';
import { CatalogueQueries } from '../infra/catalogue.queries';
import type { Agency } from './catalogue.models';
import { authorOf, requireStaffOf, staffAgencyOf } from './authoring-access';
import { CreateServiceDraftInput, ManagedService, UpdateServiceDraftInput } from './service-authoring.models';
import { agencyView, managedHeadView, managedStateView, serviceRowView } from './service-views';

const expected = { type: () => Int, nullable: true, description: 'The revision you saw; CONFLICT if the service has changed since' } as const;

/** Agency admins design their services without code (docs/service-definitions.md, "Lifecycle"). */
@Resolver(() => ManagedService)
export class ServiceAuthoringResolver {
  constructor(
    private readonly authoring: ServiceAuthoring,
    private readonly queries: CatalogueQueries,
  ) {}

  @Mutation(() => ManagedService, { description: 'Start a new service as a draft (agency admins of its agency, platform admins)' })
  async createServiceDraft(@Args('input') input: CreateServiceDraftInput, @Context() ctx: RequestContext): Promise<ManagedService> {
    const author = authorOf(ctx);
    const agencyId = input.agencyId ?? (author.role === 'AGENCY_ADMIN' ? author.agency : null);
    if (!agencyId) throw new AppError('BAD_USER_INPUT', 'SERVICE.AGENCY_REQUIRED', {}, { agencyId: 'DEFINITION.REQUIRED' });
    const { code, nameId, nameEn, definitionJson } = input;
    return this.view(
      await this.authoring.create(agencyId, { code, nameId, nameEn, definitionJson }, author, currentTraceparent(ctx.traceparent)),
      ctx,
    );
  }

  @Mutation(() => ManagedService, { description: 'Save the draft; on a published service this starts draft version n+1 while n stays in force' })
  async updateServiceDraft(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateServiceDraftInput,
    @Args('expectedRevision', expected) expectedRevision: number | null | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ManagedService> {
    const author = authorOf(ctx);
    const { nameId, nameEn, definitionJson } = input;
    return this.view(
      await this.authoring.update(id, { nameId, nameEn, definitionJson }, expectedRevision ?? undefined, author, currentTraceparent(ctx.traceparent)),
      ctx,
    );
  }

  @Mutation(() => ManagedService, { description: 'Publish the draft as the version in force, immutable from then on' })
  async publishService(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedRevision', expected) expectedRevision: number | null | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ManagedService> {
    const author = authorOf(ctx);
    return this.view(await this.authoring.publish(id, expectedRevision ?? undefined, author, currentTraceparent(ctx.traceparent)), ctx);
  }

  @Mutation(() => ManagedService, { description: 'Stop new applications; running ones finish under their own version' })
  async retireService(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedRevision', expected) expectedRevision: number | null | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ManagedService> {
    const author = authorOf(ctx);
    return this.view(await this.authoring.retire(id, expectedRevision ?? undefined, author, currentTraceparent(ctx.traceparent)), ctx);
  }

  @Query(() => [ManagedService], {
    description: "Your agency's services with their drafts (officers and agency admins: their own agency; platform admins: any, or all)",
  })
  async myAgencyServices(
    @Args('agencyId', { type: () => ID, nullable: true }) agencyId: string | null | undefined,
    @Context() ctx: RequestContext,
  ): Promise<ManagedService[]> {
    const own = staffAgencyOf(ctx);
    if (agencyId && own !== null && agencyId !== own) throw new AppError('FORBIDDEN', 'SERVICE.AUTHORING_FORBIDDEN');
    const heads = await this.queries.heads(own ?? agencyId ?? null);
    const agencies = new Map<string, Agency>();
    for (const a of await this.queries.agencies()) agencies.set(a.id, agencyView(a, ctx.lang));
    return Promise.all(
      heads.map(async (h) => {
        const published = h.published_version !== null ? await this.queries.service(h.id, h.published_version) : null;
        return managedHeadView(h, agencies.get(h.agency_id)!, published ? serviceRowView(published, ctx.lang) : null, ctx.lang);
      }),
    );
  }

  @Query(() => ManagedService, { description: 'One service as its agency manages it, as it stands now (read from its events)' })
  async managedService(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<ManagedService> {
    staffAgencyOf(ctx);
    const state = await this.authoring.load(id);
    if (state.status === 'NONE') throw new ServiceNotFound(id);
    requireStaffOf(ctx, state.agencyId);
    return this.view(state, ctx);
  }

  /** What a mutation answers: the decided state, with its agency from the agency's own stream (no read-model lag). */
  private async view(state: ExistingService, ctx: RequestContext): Promise<ManagedService> {
    const agency = await this.authoring.agency(state.agencyId);
    if (!agency) throw new Error(`agency ${state.agencyId} of service ${state.serviceId} has no events`);
    return managedStateView(
      state,
      agencyView({ id: agency.agencyId, code: agency.code, name_id: agency.nameId, name_en: agency.nameEn }, ctx.lang),
      ctx.lang,
    );
  }
}
