/** What the other features of identity may use of this one (dependency-cruiser refuses any deeper import). */
export { AccountModule } from './account.module';
