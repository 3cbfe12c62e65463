/** What the other features of identity may use of this one (dependency-cruiser refuses any deeper import). */
export { AccessAudit } from './application/access-audit';
export { PersonalDataAccess, type PersonSummary } from './application/personal-data';
export { maskEmail, maskNik } from './domain/personal-data.policy';
export { PersonalDataModule } from './personal-data.module';
