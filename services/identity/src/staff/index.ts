/** What the other features of identity may use of this one (dependency-cruiser refuses any deeper import). */
export { StaffQueries } from './infra/staff.queries';
export { StaffModule } from './staff.module';
