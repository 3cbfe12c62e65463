import { Args, Context, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { ChangePasswordHandler } from '../application/change-password';
import { LoginHandler } from '../application/login';
import { LogoutHandler } from '../application/logout';
import { PersonReader } from '../application/person-reader';
import { RefreshSessionHandler } from '../application/refresh-session';
import { RegisterCitizenHandler } from '../application/register-citizen';
import { SessionCheck } from '../application/session-check';
import { clientAddress } from './client-address';
import { answering } from './identity-errors';
import { AuthPayload, ChangePasswordInput, LoginInput, RegisterCitizenInput, User } from './identity.models';

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly register: RegisterCitizenHandler,
    private readonly login: LoginHandler,
    private readonly refresh: RefreshSessionHandler,
    private readonly logoutHandler: LogoutHandler,
    private readonly changePasswordHandler: ChangePasswordHandler,
    private readonly sessions: SessionCheck,
    private readonly persons: PersonReader,
  ) {}

  @Mutation(() => AuthPayload, { name: 'registerCitizen', description: 'A citizen creates their account with their NIK, and is signed in' })
  registerCitizen(@Args('input') input: RegisterCitizenInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return answering(() => this.register.handle(input, currentTraceparent(ctx.traceparent)), ctx.lang);
  }

  @Mutation(() => AuthPayload, { name: 'login', description: 'Signs in with e-mail or NIK and password; repeated failures are throttled' })
  signIn(@Args('input') input: LoginInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return answering(() => this.login.handle(input, clientAddress(ctx.req)), ctx.lang);
  }

  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token for a new session; each refresh token works once' })
  refreshSession(@Args('refreshToken') refreshToken: string, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return answering(() => this.refresh.handle(refreshToken, currentTraceparent(ctx.traceparent)), ctx.lang);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and every session refreshed from the same sign-in' })
  logout(@Context() ctx: RequestContext): Promise<boolean> {
    const user = requireUser(ctx);
    return answering(() => this.logoutHandler.handle(user, currentTraceparent(ctx.traceparent)), ctx.lang);
  }

  @Mutation(() => AuthPayload, { description: 'Changes the password and ends every session of the account; answers a fresh session' })
  changePassword(@Args('input') input: ChangePasswordInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    const user = requireUser(ctx);
    return answering(() => this.changePasswordHandler.handle(user, input, currentTraceparent(ctx.traceparent)), ctx.lang);
  }

  @Query(() => User, { description: "The signed-in person, with their own personal data" })
  me(@Context() ctx: RequestContext): Promise<User> {
    const user = requireUser(ctx);
    return answering(async () => {
      await this.sessions.assertLive(user);
      return this.persons.ownProfile(user.id);
    }, ctx.lang);
  }

  /** Other subgraphs get a person's id and roles only: personal data never leaves through a reference. */
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<User | null> {
    const p = await this.persons.profile(ref.id);
    return p ? { id: p.id, roles: p.roles } : null;
  }
}
