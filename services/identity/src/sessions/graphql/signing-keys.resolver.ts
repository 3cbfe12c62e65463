import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { requireUser, type RequestContext } from '@serang/platform';
import { SigningKeys } from '../infra/signing-keys';
import { SigningKey } from './sessions.models';

/** Platform admins: the keys of the JWKS, and rotating them by hand (it also happens on a schedule). */
@Resolver()
export class SigningKeysResolver {
  constructor(private readonly keys: SigningKeys) {}

  @Query(() => [SigningKey], { description: 'Platform admins: the signing keys, newest first' })
  signingKeys(@Context() ctx: RequestContext): Promise<SigningKey[]> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    return this.keys.list();
  }

  @Mutation(() => SigningKey, {
    description: 'Platform admins: a new key signs from now on; the old one verifies the tokens it signed until they expire',
  })
  async rotateSigningKey(@Context() ctx: RequestContext): Promise<SigningKey> {
    requireUser(ctx, 'PLATFORM_ADMIN');
    const kid = await this.keys.rotate();
    return (await this.keys.list()).find((k) => k.kid === kid)!;
  }
}
