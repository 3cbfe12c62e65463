import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { User } from '../../person';

@ObjectType({ description: 'A new session: a short-lived access token and the refresh token that renews it' })
export class AuthPayload {
  @Field({ description: 'ES256 JWT for `Authorization: Bearer …`' })
  accessToken!: string;
  @Field({ description: 'Opaque; keep it secret, it renews the session' })
  refreshToken!: string;
  @Field()
  accessTokenExpiresAt!: Date;
  @Field(() => User)
  user!: User;
}

@InputType()
export class LoginInput {
  @Field({ description: 'E-mail address or NIK' })
  login!: string;
  @Field()
  password!: string;
}

@ObjectType({ description: "A key of identity's JWKS" })
export class SigningKey {
  @Field()
  kid!: string;
  @Field()
  createdAt!: Date;
  @Field({ nullable: true })
  retiredAt?: Date;
  @Field({ description: 'CURRENT (signs), VERIFY_ONLY (retired, still in the JWKS), EXPIRED' })
  status!: string;
}
