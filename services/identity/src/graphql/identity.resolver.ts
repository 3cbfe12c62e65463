import { Args, Context, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { LoginHandler } from '../application/login';
import { PersonReader } from '../application/person-reader';
import { RegisterCitizenHandler } from '../application/register-citizen';
import { answering } from './identity-errors';
import { AuthPayload, LoginInput, RegisterCitizenInput, User } from './identity.models';

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly register: RegisterCitizenHandler,
    private readonly login: LoginHandler,
    private readonly persons: PersonReader,
  ) {}

  @Mutation(() => AuthPayload, { name: 'registerCitizen', description: 'A citizen creates their account with their NIK, and is signed in' })
  registerCitizen(@Args('input') input: RegisterCitizenInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return answering(() => this.register.handle(input, currentTraceparent(ctx.traceparent)));
  }

  @Mutation(() => AuthPayload, { name: 'login', description: 'Signs in with e-mail or NIK and password' })
  signIn(@Args('input') input: LoginInput): Promise<AuthPayload> {
    return answering(() => this.login.handle(input));
  }

  @Query(() => User, { description: "The signed-in person, with their own personal data" })
  me(@Context() ctx: RequestContext): Promise<User> {
    const user = requireUser(ctx);
    return answering(() => this.persons.ownProfile(user.id));
  }

  /** Other subgraphs get a person's id and roles only: personal data never leaves through a reference. */
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<User | null> {
    const p = await this.persons.profile(ref.id);
    return p ? { id: p.id, roles: p.roles } : null;
  }
}
