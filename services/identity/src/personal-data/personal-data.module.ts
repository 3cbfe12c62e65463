import { Module } from '@nestjs/common';
import { PersonModule } from '../person';
import { AccessAudit } from './application/access-audit';
import { ContactDirectory } from './application/contact-directory';
import { PersonalDataAccess } from './application/personal-data';
import { RelationsProjection } from './application/relations.projection';
import { ContactsController } from './graphql/contacts.controller';
import { PersonalDataResolver } from './graphql/personal-data.resolver';
import { PersonalDataQueries } from './infra/personal-data.queries';

/** Who may read whose personal data, every read audited; the contact lookup notification sends with. */
@Module({
  imports: [PersonModule],
  controllers: [RelationsProjection, ContactsController],
  providers: [PersonalDataQueries, AccessAudit, PersonalDataAccess, ContactDirectory, PersonalDataResolver],
  exports: [PersonalDataAccess, AccessAudit],
})
export class PersonalDataModule {}
