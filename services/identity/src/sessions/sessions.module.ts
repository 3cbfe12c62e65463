import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { LoginHandler } from './application/login';
import { LoginThrottle } from './application/login-throttle';
import { LogoutHandler } from './application/logout';
import { RefreshSessionHandler } from './application/refresh-session';
import { SessionCheck } from './application/session-check';
import { SessionIssuer } from './application/session-issuer';
import { SessionRevoker } from './application/session-revoker';
import { JwksController } from './graphql/jwks.controller';
import { SigningKeysResolver } from './graphql/signing-keys.resolver';
import { LoginThrottlesRepository } from './infra/login-throttles.repository';
import { SessionsRepository } from './infra/sessions.repository';
import { SigningKeys } from './infra/signing-keys';

const EXPORTED = [
  SessionsRepository,
  LoginThrottlesRepository,
  SigningKeys,
  SessionIssuer,
  SessionCheck,
  SessionRevoker,
  LoginHandler,
  LoginThrottle,
  RefreshSessionHandler,
  LogoutHandler,
];

/** Sign-in, refresh and sign-out; the login throttle; the signing keys and the JWKS every subgraph verifies tokens with. */
@Module({
  imports: [PersonModule],
  controllers: [JwksController],
  providers: [...EXPORTED, SigningKeysResolver],
  exports: EXPORTED,
})
export class SessionsModule {}
