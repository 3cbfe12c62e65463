import { Args, Context, ID, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { AppError, type RequestContext } from '@serang/platform';
import { CatalogueQueries } from '../infra/catalogue.queries';
import { Agency, Service, ServiceFilter } from './catalogue.models';
import { agencyView, serviceRowView } from './service-views';

@Resolver(() => Agency)
export class AgencyResolver {
  constructor(private readonly queries: CatalogueQueries) {}

  @Query(() => [Agency], { description: 'The agencies (OPD) of the regency' })
  async agencies(@Context() ctx: RequestContext): Promise<Agency[]> {
    return (await this.queries.agencies()).map((a) => agencyView(a, ctx.lang));
  }

  @Query(() => Agency)
  async agency(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Agency> {
    const agency = await this.queries.agency(id);
    if (!agency) throw new AppError('NOT_FOUND', 'AGENCY.NOT_FOUND', { id });
    return agencyView(agency, ctx.lang);
  }

  @ResolveReference()
  async resolveReference(ref: { id: string }, ctx: RequestContext): Promise<Agency | null> {
    const agency = await this.queries.agency(ref.id);
    return agency ? agencyView(agency, ctx.lang) : null;
  }
}

@Resolver(() => Service)
export class ServiceResolver {
  constructor(private readonly queries: CatalogueQueries) {}

  @Query(() => [Service], { description: 'Published services, the latest version of each; retired ones only when the filter asks' })
  async services(
    @Args('filter', { type: () => ServiceFilter, nullable: true }) filter: ServiceFilter | undefined,
    @Context() ctx: RequestContext,
  ): Promise<Service[]> {
    return (await this.queries.services(filter)).map((s) => serviceRowView(s, ctx.lang));
  }

  @Query(() => Service, { description: 'The latest published version of a service, also when it is retired' })
  async service(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Service> {
    const service = await this.queries.service(id);
    if (!service) throw new AppError('NOT_FOUND', 'SERVICE.NOT_FOUND', { id });
    return serviceRowView(service, ctx.lang);
  }

  /** Other subgraphs refer to a service by id, or by id and the version they used — retired or not. */
  @ResolveReference()
  async resolveReference(ref: { id: string; version?: number }, ctx: RequestContext): Promise<Service | null> {
    const service = await this.queries.service(ref.id, ref.version);
    return service ? serviceRowView(service, ctx.lang) : null;
  }
}
