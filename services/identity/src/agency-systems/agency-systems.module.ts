import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { SessionsModule } from '../sessions';
import { StaffModule } from '../staff';
import { AgencySystems } from './application/agency-systems';
import { AgencySystemsResolver } from './graphql/agency-systems.resolver';
import { AgencySystemsRepository } from './infra/agency-systems.repository';

/** Agencies' own systems: machine clients with client credentials, registered and revoked by agency admins. */
@Module({
  imports: [PersonModule, SessionsModule, StaffModule],
  providers: [AgencySystemsRepository, AgencySystems, AgencySystemsResolver],
})
export class AgencySystemsModule {}
