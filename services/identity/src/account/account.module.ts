import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { PersonalDataModule } from '../personal-data';
import { SessionsModule } from '../sessions';
import { ChangePasswordHandler } from './application/change-password';
import { ErasePersonHandler } from './application/erase-person';
import { RegisterCitizenHandler } from './application/register-citizen';
import { SeedPlatformAdmin } from './application/seed-platform-admin';
import { UpdateProfileHandler } from './application/update-profile';
import { IdentityResolver } from './graphql/identity.resolver';

/** A person's own account: registration, sign-in through sessions, profile, password, erasure; the first platform admin. */
@Module({
  imports: [PersonModule, SessionsModule, PersonalDataModule],
  providers: [RegisterCitizenHandler, UpdateProfileHandler, ChangePasswordHandler, ErasePersonHandler, SeedPlatformAdmin, IdentityResolver],
})
export class AccountModule {}
