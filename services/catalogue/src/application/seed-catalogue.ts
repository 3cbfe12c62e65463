import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandHandler, load, StreamChangedError, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, LOGGER, type Clock } from '@serang/platform';
import { SERVICES, type ServiceSeed } from '@serang/service-definition/src/seeds';
import type { Logger } from 'pino';
import { AGENCIES } from '../domain/agencies.seed';
import { Agency, AgencyAlreadyRegistered } from '../domain/agency.aggregate';
import { Service, type Author } from '../domain/service.aggregate';
import { ServiceAlreadyExists } from '../domain/service.errors';

const SYSTEM: Author = { id: 'system', role: 'SYSTEM' };

/**
 * Seeds the 30 agencies and the first services as events, each service created and published
 * as version 1 through the same decider authors use. Idempotent: what a stream already holds is
 * not decided again, so a restart (or a second replica) writes nothing — and a start that died
 * between a service's draft and its publication publishes it on the next start.
 */
@Injectable()
export class SeedCatalogue implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const metadata = { now: this.clock.now(), actor: SYSTEM };
    let created = 0;
    for (const a of AGENCIES) {
      if ((await load(this.store, Agency, a.code)).state.registered) continue;
      created += await this.once(() =>
        this.handler.handle(
          Agency,
          a.code,
          { type: 'RegisterAgency', data: { agencyId: a.code, ...a }, metadata },
          { expectedRevision: 'no_stream' },
        ),
      );
    }
    for (const s of SERVICES) created += await this.seedService(s, metadata);
    this.log.info({ created, agencies: AGENCIES.length, services: SERVICES.length }, created ? 'catalogue seeded' : 'catalogue already seeded');
  }

  private async seedService(s: ServiceSeed, metadata: { now: Date; actor: Author }): Promise<number> {
    const { state } = await load(this.store, Service, s.id);
    if (state.status === 'PUBLISHED' || state.status === 'RETIRED') return 0;
    if (state.status === 'NONE') {
      const data = {
        serviceId: s.id,
        agencyId: s.agencyId,
        code: s.code,
        nameId: s.nameId,
        nameEn: s.nameEn,
        definitionJson: JSON.stringify(s.definition),
      };
      if (
        !(await this.once(() =>
          this.handler.handle(Service, s.id, { type: 'CreateServiceDraft', data, metadata }, { expectedRevision: 'no_stream' }),
        ))
      )
        return 0;
    }
    return this.once(() => this.handler.handle(Service, s.id, { type: 'PublishService', data: { serviceId: s.id }, metadata }));
  }

  /** 1 when this replica wrote it, 0 when another one (starting at the same moment) did. */
  private async once(write: () => Promise<{ events: unknown[] }>): Promise<number> {
    try {
      return (await write()).events.length ? 1 : 0;
    } catch (e) {
      if (e instanceof StreamChangedError || e instanceof AgencyAlreadyRegistered || e instanceof ServiceAlreadyExists) return 0;
      throw e;
    }
  }
}
