/** What the other features of identity may use of this one (dependency-cruiser refuses any deeper import). */
export { AccountOpening } from './application/account-opening';
export { actorOf } from './application/actor';
export { ErasureEffects } from './application/erasure-effects';
export { PersonReader, type DecryptedProfile, type PersonProfile } from './application/person-reader';
export { canonicalEmail, normaliseEmail, normaliseName, normalisePhone, type Email, type PersonName, type Phone } from './domain/contact';
export {
  AgencySystemNotFound,
  AlreadyRegistered,
  ClientCredentialsInvalid,
  ConcurrentChange,
  EmailTaken,
  IdentityError,
  InvalidCredentials,
  InvalidInput,
  InvitationInvalid,
  InvitationNotPending,
  LoginThrottled,
  NotAllowed,
  PersonNotFound,
  RefreshTokenInvalid,
  RefreshTokenReused,
  SessionEnded,
} from './domain/identity.errors';
export {
  STAFF_ROLES,
  type AgencySystemEvent,
  type ErasureReason,
  type Role,
  type SessionRevokeReason,
  type StaffRole,
} from './domain/identity.events';
export { parseNik, type Nik } from './domain/nik';
export { checkPassword } from './domain/password-policy';
export { Person, type PersonCommand, type PersonState } from './domain/person.decider';
export { judgeRefresh, sessionRevocations, type SessionRecord } from './domain/session.policy';
export { agencyInScope, assertManagesAgency, assertMayInvite, checkStaffRoles, isPlatformAdmin, type Caller } from './domain/staff.policy';
export { assertUuid } from './graphql/ids';
export { User } from './graphql/person.models';
export { AccountsRepository } from './infra/accounts.repository';
export { blindIndex } from './infra/blind-index';
export { IDENTITY_DDL_LOCK, type PersonRow } from './infra/identity.tables';
export { openWithMasterKey, sealWithMasterKey } from './infra/master-key-seal';
export { NameClaimsRepository } from './infra/name-claims.repository';
export { PasswordHasher } from './infra/password-hasher';
export { withPersonLock } from './infra/person-lock';
export { newSecret, secretDigest, secretMatches } from './infra/secrets';
export { PersonModule } from './person.module';
