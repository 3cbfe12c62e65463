import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '@serang/platform';
import { PreferencesProjection, PreferencesService } from './application/preferences';
import { PreferencesResolver } from './graphql/preferences.resolver';
import { PreferencesRepository } from './infra/preferences.repository';

/** Per-person channel preferences, opt-out per channel and quiet hours (docs/notifications.md, "Preferences"). */
@Module({
  controllers: [PreferencesProjection],
  providers: [{ provide: CLOCK, useValue: systemClock }, PreferencesRepository, PreferencesService, PreferencesResolver],
  exports: [PreferencesRepository],
})
export class PreferencesModule {}
