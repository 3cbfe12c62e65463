import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, toNewEvents } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@serang/platform';
import type { Logger } from 'pino';
import { AGENCIES } from '../domain/agencies.seed';
import { decideAgency, initialAgencyState } from '../domain/agency.decider';
import { decideService, evolveService, initialServiceState, type Author } from '../domain/service.decider';
import { SERVICES, type ServiceSeed } from '@serang/service-definition/src/seeds';
import { streamOf } from './service-authoring';

const SYSTEM: Author = { id: 'system', role: 'SYSTEM' };

/**
 * Seeds the 30 agencies and the first services as events, each service created and published
 * as version 1 through the same decider authors use. Idempotent: each stream is created with
 * `no_stream`, so a restart (or a second replica) finds them and writes nothing.
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
    const meta = { now: this.clock.now(), tenant: this.config.TENANT, actor: { id: SYSTEM.id, role: SYSTEM.role } };
    let created = 0;
    for (const a of AGENCIES) {
      const events = decideAgency({ type: 'RegisterAgency', agencyId: a.code, ...a }, initialAgencyState);
      created += await this.createOnce(`agency-${a.code}`, toNewEvents(events, meta));
    }
    for (const s of SERVICES) {
      // Deciding validates the definition, which takes a moment: not for services already there.
      if ((await this.store.readStream(streamOf(s.id), { maxCount: 1 })).length > 0) continue;
      created += await this.createOnce(streamOf(s.id), toNewEvents(publishedOnce(s, meta.now), meta));
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

/** The draft of a seeded service and its publication as version 1. */
function publishedOnce(s: ServiceSeed, now: Date) {
  const metadata = { actor: SYSTEM };
  const data = { serviceId: s.id, agencyId: s.agencyId, code: s.code, nameId: s.nameId, nameEn: s.nameEn, definitionJson: JSON.stringify(s.definition) };
  const drafted = decideService({ type: 'CreateServiceDraft', data, metadata }, initialServiceState);
  const draft = drafted.reduce((state, e) => evolveService(state, { ...e, occurredAt: now.toISOString() }), initialServiceState);
  return [...drafted, ...decideService({ type: 'PublishService', data: { serviceId: s.id }, metadata }, draft)];
}
