import { Args, Context, ID, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { AppError, type RequestContext } from '@serang/platform';
import { CatalogueQueries } from '../infra/catalogue.queries';
import { Agency, Service, ServiceFilter } from './catalogue.models';

@Resolver(() => Agency)
export class AgencyResolver {
  constructor(private readonly queries: CatalogueQueries) {}

  @Query(() => [Agency], { description: 'The agencies (OPD) of the regency' })
  agencies(@Context() ctx: RequestContext): Promise<Agency[]> {
    return this.queries.agencies(ctx.lang);
  }

  @Query(() => Agency)
  async agency(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Agency> {
    const agency = await this.queries.agency(id, ctx.lang);
    if (!agency) throw new AppError('NOT_FOUND', 'AGENCY.NOT_FOUND', { id });
    return agency;
  }

  @ResolveReference()
  resolveReference(ref: { id: string }, ctx: RequestContext): Promise<Agency | null> {
    return this.queries.agency(ref.id, ctx.lang);
  }
}

@Resolver(() => Service)
export class ServiceResolver {
  constructor(private readonly queries: CatalogueQueries) {}

  @Query(() => [Service], { description: 'Published services (latest version of each)' })
  services(@Args('filter', { type: () => ServiceFilter, nullable: true }) filter: ServiceFilter | undefined, @Context() ctx: RequestContext): Promise<Service[]> {
    return this.queries.services(filter, ctx.lang);
  }

  @Query(() => Service)
  async service(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Service> {
    const service = await this.queries.service(id, undefined, ctx.lang);
    if (!service) throw new AppError('NOT_FOUND', 'SERVICE.NOT_FOUND', { id });
    return service;
  }

  /** Other subgraphs refer to a service by id, or by id and the version they used. */
  @ResolveReference()
  resolveReference(ref: { id: string; version?: number }, ctx: RequestContext): Promise<Service | null> {
    return this.queries.service(ref.id, ref.version, ctx.lang);
  }
}
