import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum OidcTokenEndpointAuthMethod {
  CLIENT_SECRET_BASIC = 'client_secret_basic',
  CLIENT_SECRET_POST = 'client_secret_post',
}
registerEnumType(OidcTokenEndpointAuthMethod, {
  name: 'OidcTokenEndpointAuthMethod',
  description: 'How the agency system presents its client secret at the token endpoint',
});

@ObjectType({ description: "An agency system's single sign-on (OpenID Connect) client" })
export class OidcClient {
  @Field(() => ID, { description: 'The OpenID Connect client_id' })
  id!: string;
  @Field(() => ID, { description: 'The agency (OPD) the system belongs to; subjects (`sub`) are per agency' })
  agencyId!: string;
  @Field({ description: 'Shown to citizens on the sign-in and consent pages' })
  name!: string;
  @Field(() => [String])
  redirectUris!: string[];
  @Field(() => [String], { description: 'OpenID scopes the client may ask for: openid, profile, email, phone' })
  scopes!: string[];
  @Field(() => OidcTokenEndpointAuthMethod)
  tokenEndpointAuthMethod!: OidcTokenEndpointAuthMethod;
  @Field()
  registeredAt!: Date;
  @Field({ nullable: true, description: 'Set once disabled: the client can no longer sign anyone in' })
  disabledAt?: Date;
}

@ObjectType({ description: 'A newly registered client and its secret, shown this once' })
export class RegisteredOidcClient {
  @Field(() => ID)
  clientId!: string;
  @Field({ description: 'Shown only in this answer; identity keeps only its hash. Store it in the agency system now' })
  clientSecret!: string;
  @Field(() => OidcClient)
  client!: OidcClient;
}

@InputType()
export class RegisterOidcClientInput {
  @Field(() => ID, { description: 'The agency id, e.g. disdukcapil' })
  agencyId!: string;
  @Field()
  name!: string;
  @Field(() => [String], { description: 'https, or http only on 127.0.0.1/localhost; all on one host; compared exactly' })
  redirectUris!: string[];
  @Field(() => [String], { nullable: true, description: 'Default: openid profile email phone. Must include openid' })
  scopes?: string[];
  @Field(() => OidcTokenEndpointAuthMethod, { nullable: true, description: 'Default: CLIENT_SECRET_BASIC' })
  tokenEndpointAuthMethod?: OidcTokenEndpointAuthMethod;
}
