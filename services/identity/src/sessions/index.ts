/** What the other features of identity may use of this one (dependency-cruiser refuses any deeper import). */
export { LoginHandler, type LoginForm } from './application/login';
export { LogoutHandler } from './application/logout';
export { RefreshSessionHandler } from './application/refresh-session';
export { SessionCheck } from './application/session-check';
export { SessionIssuer, type AuthResult } from './application/session-issuer';
export { SessionRevoker } from './application/session-revoker';
export { clientAddress } from './graphql/client-address';
export { AuthPayload, LoginInput } from './graphql/sessions.models';
export { type Jwk } from './infra/jose.adapter';
export { SessionsRepository } from './infra/sessions.repository';
export { SigningKeys } from './infra/signing-keys';
export { SessionsModule } from './sessions.module';
