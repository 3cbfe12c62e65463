import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { validate as isUuid } from 'uuid';
import { SubmitApplicationHandler } from '../application/submit-application';
import { ApplicationNotFound } from '../domain/request.errors';
import { ApplicationQueries } from '../infra/application.queries';
import { Application, Service, SubmitApplicationInput } from './application.models';
import { toAppError } from './request-errors';

/** A citizen's applications: submit, list, read. Only ever the caller's own (the token decides). */
@Resolver(() => Application)
export class ApplicationResolver {
  constructor(
    private readonly submit: SubmitApplicationHandler,
    private readonly queries: ApplicationQueries,
  ) {}

  @Mutation(() => Application, { description: 'Submit an application (citizens); resending with the same idempotencyKey returns the first result' })
  async submitApplication(@Args('input') input: SubmitApplicationInput, @Context() ctx: RequestContext): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN');
    try {
      // The decided state answers at once: the read model may not have caught up yet.
      return await this.submit.execute(
        { serviceId: input.serviceId, formData: input.formData, documentIds: input.documentIds ?? [], idempotencyKey: input.idempotencyKey },
        { id: user.id, role: 'CITIZEN' },
        currentTraceparent(ctx.traceparent),
      );
    } catch (e) {
      throw toAppError(e, ctx.lang);
    }
  }

  @Query(() => [Application], { description: "The caller's own applications, newest first" })
  myApplications(@Context() ctx: RequestContext): Promise<Application[]> {
    const user = requireUser(ctx, 'CITIZEN');
    return this.queries.mine(user.id);
  }

  @Query(() => Application, { description: 'One of the caller’s own applications' })
  async application(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<Application> {
    const user = requireUser(ctx, 'CITIZEN');
    // Someone else's application and no application at all answer the same.
    const found = isUuid(id) ? await this.queries.own(id, user.id) : null;
    if (!found) throw toAppError(new ApplicationNotFound(), ctx.lang);
    return found;
  }

  /** The service as published in the version the application was submitted under (catalogue resolves it). */
  @ResolveField(() => Service)
  service(@Parent() application: Application): Service {
    return { id: application.serviceId, version: application.serviceVersion };
  }
}
