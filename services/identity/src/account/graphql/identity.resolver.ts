import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { currentTraceparent, requireUser, type RequestContext } from '@serang/platform';
import { ChangePasswordHandler } from '../application/change-password';
import { ErasePersonHandler } from '../application/erase-person';
import { LoginHandler } from '../../sessions';
import { LogoutHandler } from '../../sessions';
import { PersonalDataAccess, type PersonSummary } from '../../personal-data';
import { PersonReader, type DecryptedProfile, type PersonProfile } from '../../person';
import { RefreshSessionHandler } from '../../sessions';
import { RegisterCitizenHandler } from '../application/register-citizen';
import { SessionCheck } from '../../sessions';
import { UpdateProfileHandler } from '../application/update-profile';
import { maskNik } from '../../personal-data';
import { clientAddress } from '../../sessions';
import { assertUuid } from '../../person';
import { AuthPayload, LoginInput } from '../../sessions';
import { User } from '../../person';
import { ChangePasswordInput, EraseMyDataInput, RegisterCitizenInput, UpdateProfileInput } from './account.models';

/** Accounts of people (not agency systems): what profile and password operations are for. */
const PEOPLE = ['CITIZEN', 'OFFICER', 'AGENCY_ADMIN', 'PLATFORM_ADMIN'] as const;

/**
 * A User as resolved: the person's own profile (`me`), or a reference from another subgraph,
 * which keeps the profile it read so the fields below need not read the stream again.
 */
type UserParent = User & { own?: boolean; profile?: PersonProfile };
/** One summary per person per request: the name and the masked NIK are one audited read. */
type Ctx = RequestContext & { summaries?: Map<string, Promise<PersonSummary | undefined>> };

function fromProfile(p: DecryptedProfile): UserParent {
  return {
    id: p.id,
    roles: p.roles,
    agencyId: p.agencyId,
    name: p.name,
    maskedNik: p.nik ? maskNik(p.nik) : undefined,
    email: p.email,
    phone: p.phone,
    address: p.address,
    birthDate: p.birthDate,
    own: true,
  };
}

@Resolver(() => User)
export class IdentityResolver {
  constructor(
    private readonly register: RegisterCitizenHandler,
    private readonly login: LoginHandler,
    private readonly refresh: RefreshSessionHandler,
    private readonly logoutHandler: LogoutHandler,
    private readonly changePasswordHandler: ChangePasswordHandler,
    private readonly updateProfileHandler: UpdateProfileHandler,
    private readonly erasure: ErasePersonHandler,
    private readonly sessions: SessionCheck,
    private readonly persons: PersonReader,
    private readonly personalData: PersonalDataAccess,
  ) {}

  @Mutation(() => AuthPayload, { name: 'registerCitizen', description: 'A citizen creates their account with their NIK, and is signed in' })
  registerCitizen(@Args('input') input: RegisterCitizenInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.register.handle(input, currentTraceparent(ctx.traceparent));
  }

  @Mutation(() => AuthPayload, { name: 'login', description: 'Signs in with e-mail or NIK and password; repeated failures are throttled' })
  signIn(@Args('input') input: LoginInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.login.handle(input, clientAddress(ctx.req));
  }

  @Mutation(() => AuthPayload, { description: 'Exchanges a refresh token for a new session; each refresh token works once' })
  refreshSession(@Args('refreshToken') refreshToken: string, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.refresh.handle(refreshToken, currentTraceparent(ctx.traceparent));
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and every session refreshed from the same sign-in' })
  logout(@Context() ctx: RequestContext): Promise<boolean> {
    return this.logoutHandler.handle(requireUser(ctx), currentTraceparent(ctx.traceparent));
  }

  @Mutation(() => AuthPayload, { description: 'Changes the password and ends every session of the account; answers a fresh session' })
  changePassword(@Args('input') input: ChangePasswordInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.changePasswordHandler.handle(requireUser(ctx, ...PEOPLE), input, currentTraceparent(ctx.traceparent));
  }

  @Mutation(() => User, { description: "Changes the caller's own profile (name, e-mail, phone, address, birth date)" })
  async updateProfile(@Args('input') input: UpdateProfileInput, @Context() ctx: RequestContext): Promise<User> {
    return fromProfile(await this.updateProfileHandler.handle(requireUser(ctx, ...PEOPLE), input, currentTraceparent(ctx.traceparent)));
  }

  @Mutation(() => Boolean, {
    description:
      'A citizen erases their account: personal data becomes unreadable everywhere (crypto-shredding); what happened stays, anonymous. Cannot be undone.',
  })
  async eraseMyData(@Args('input') input: EraseMyDataInput, @Context() ctx: RequestContext): Promise<boolean> {
    await this.erasure.eraseSelf(requireUser(ctx, 'CITIZEN'), input.password, currentTraceparent(ctx.traceparent));
    return true;
  }

  @Mutation(() => Boolean, { description: "Platform admins: erase a person on their written request (the citizen's eraseMyData, done for them)" })
  async erasePerson(@Args('subjectId', { type: () => ID }) subjectId: string, @Context() ctx: RequestContext): Promise<boolean> {
    assertUuid(subjectId, 'subjectId');
    await this.erasure.eraseByAdmin(requireUser(ctx, 'PLATFORM_ADMIN'), subjectId, currentTraceparent(ctx.traceparent));
    return true;
  }

  @Query(() => User, { description: 'The signed-in person, with their own personal data' })
  async me(@Context() ctx: RequestContext): Promise<User> {
    const user = requireUser(ctx);
    await this.sessions.assertLive(user);
    // An agency system is not a person: it has an id, a role and an agency, and nothing personal.
    if (user.roles.includes('AGENCY_SYSTEM')) return { id: user.id, roles: user.roles, agencyId: user.agency, own: true } as UserParent;
    return fromProfile(await this.persons.decrypted(user.id));
  }

  /** Other subgraphs get a person's id and roles; the fields below decide what else the caller may see. */
  @ResolveReference()
  async resolveReference(ref: { id: string }): Promise<UserParent | null> {
    const p = await this.persons.profile(ref.id);
    return p ? { id: p.id, roles: p.roles, agencyId: p.agencyId, profile: p } : null;
  }

  @ResolveField(() => String, { nullable: true })
  async name(@Parent() user: UserParent, @Context() ctx: Ctx): Promise<string | undefined> {
    return user.own ? user.name : (await this.summaryFor(user, ctx))?.name;
  }

  @ResolveField(() => String, { nullable: true })
  async maskedNik(@Parent() user: UserParent, @Context() ctx: Ctx): Promise<string | undefined> {
    return user.own ? user.maskedNik : (await this.summaryFor(user, ctx))?.maskedNik;
  }

  /** The person themself sees their own data through a reference too; staff see the audited summary. */
  private summaryFor(user: UserParent, ctx: Ctx): Promise<PersonSummary | undefined> {
    const caller = ctx.user;
    if (!caller) return Promise.resolve(undefined);
    ctx.summaries ??= new Map();
    let found = ctx.summaries.get(user.id);
    if (!found) {
      found =
        caller.id === user.id
          ? (user.profile ? this.persons.open(user.profile, ['name', 'nik']) : this.persons.decrypted(user.id, ['name', 'nik'])).then((p) => ({
              name: p.name,
              maskedNik: p.nik ? maskNik(p.nik) : undefined,
            }))
          : this.personalData.summary(caller, user.id, currentTraceparent(ctx.traceparent), user.profile);
      ctx.summaries.set(user.id, found);
    }
    return found;
  }
}
