import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, PLATFORM_CONFIG, toNewEvents, type Clock, type PlatformConfig } from '@serang/platform';
import type { Logger } from 'pino';
import { AGENCIES } from '../domain/agencies.seed';
import { decideAgency, initialAgencyState } from '../domain/agency.decider';
import { decideService, initialServiceState } from '../domain/service.decider';
import { SERVICES } from '../domain/services.seed';

/**
 * Seeds the 30 agencies and the first services as events. Idempotent: each stream is created
 * with `no_stream`, so a restart (or a second replica) finds them and writes nothing.
 */
@Injectable()
export class SeedCatalogue implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const meta = { now: this.clock.now(), tenant: this.config.TENANT, actor: { id: 'system', role: 'SYSTEM' } };
    let created = 0;
    for (const a of AGENCIES) {
      const events = decideAgency({ type: 'RegisterAgency', agencyId: a.code, ...a }, initialAgencyState);
      created += await this.createOnce(`agency-${a.code}`, toNewEvents(events, meta));
    }
    for (const s of SERVICES) {
      const definition = { slaWorkingDays: s.slaWorkingDays, form: s.form, requiredDocuments: s.requiredDocuments };
      const events = decideService({ type: 'PublishService', serviceId: s.id, agencyId: s.agencyId, code: s.code, nameId: s.nameId, nameEn: s.nameEn, definition }, initialServiceState);
      created += await this.createOnce(`service-${s.id}`, toNewEvents(events, meta));
    }
    this.log.info({ created, agencies: AGENCIES.length, services: SERVICES.length }, created ? 'catalogue seeded' : 'catalogue already seeded');
  }

  private async createOnce(streamId: string, events: Parameters<EventStore['append']>[1]): Promise<number> {
    try {
      await this.store.append(streamId, events, 'no_stream');
      return 1;
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) return 0;
      throw e;
    }
  }
}
