import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { PersonalDataModule } from '../personal-data';
import { SessionsModule } from '../sessions';
import { AcceptInvitationHandler } from './application/accept-invitation';
import { MailSender } from './application/mail-sender';
import { StaffDirectory } from './application/staff-directory';
import { StaffInvitations } from './application/staff-invitations';
import { StaffResolver } from './graphql/staff.resolver';
import { MailOutboxRepository } from './infra/mail-outbox.repository';
import { MailTransport } from './infra/mail-transport';
import { StaffQueries } from './infra/staff.queries';

/** Staff invitations (their links only ever in the e-mail), accepting them, and an agency's staff directory. */
@Module({
  imports: [PersonModule, SessionsModule, PersonalDataModule],
  providers: [
    StaffQueries,
    MailOutboxRepository,
    MailTransport,
    MailSender,
    StaffInvitations,
    AcceptInvitationHandler,
    StaffDirectory,
    StaffResolver,
  ],
  exports: [StaffQueries],
})
export class StaffModule {}
