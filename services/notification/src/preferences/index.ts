/** What the rest of notification may use of the preferences feature. */
export { PreferencesModule } from './preferences.module';
export { PreferencesRepository } from './infra/preferences.repository';
export { sendableAt, URGENT_KINDS } from './domain/delivery-timing';
export { NotificationPreferences, PreferencesInvalid, OPTIONAL_CHANNELS } from './domain/preferences.aggregate';
