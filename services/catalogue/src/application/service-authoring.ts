import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, toNewEvents } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@serang/platform';
import { SERVICE_CODE_PATTERN } from '@serang/service-definition';
import type { AgencyRegistered, ServiceEvent } from '../domain/catalogue.events';
import {
  decideService,
  evolveService,
  initialServiceState,
  mayAuthor,
  serviceIdOf,
  type Author,
  type ExistingService,
  type ServiceCommand,
  type ServiceState,
} from '../domain/service.decider';
import { AgencyNotFound, AuthoringForbidden, ServiceAlreadyExists, ServiceChanged, ServiceNotFound } from '../domain/service.errors';

export interface DraftContent {
  nameId: string;
  nameEn: string;
  definitionJson: string;
}

/** Ids that can name a stream at all; anything else is simply not a service. */
const SERVICE_ID = /^[a-z0-9][a-z0-9_-]{0,100}$/;
export const streamOf = (serviceId: string): string => `service-${serviceId}`;

/**
 * Agency admins author their services: load the stream → decide → append with the revision read
 * (a concurrent writer gets ServiceChanged and nothing is written). A caller may also name the
 * revision they saw (`expectedRevision`), so an edit made on a stale screen is refused too.
 */
@Injectable()
export class ServiceAuthoring {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async create(agencyId: string, content: DraftContent & { code: string }, actor: Author, traceparent?: string): Promise<ExistingService> {
    // The token decides first: naming another agency is refused before anything is looked up.
    if (!mayAuthor(actor, agencyId)) throw new AuthoringForbidden();
    if (!(await this.agency(agencyId))) throw new AgencyNotFound(agencyId);
    // A bad code names no stream; deciding against a new service then reports it with every other problem.
    const serviceId = SERVICE_CODE_PATTERN.test(content.code) ? serviceIdOf(agencyId, content.code) : '';
    const command: ServiceCommand = { type: 'CreateServiceDraft', data: { serviceId, agencyId, ...content }, metadata: { actor } };
    try {
      return await this.execute(serviceId, command, undefined, traceparent);
    } catch (e) {
      if (e instanceof ServiceChanged) throw new ServiceAlreadyExists(serviceId);
      throw e;
    }
  }

  update(serviceId: string, content: DraftContent, expectedRevision: number | undefined, actor: Author, traceparent?: string): Promise<ExistingService> {
    return this.execute(serviceId, { type: 'UpdateServiceDraft', data: { serviceId, ...content }, metadata: { actor } }, expectedRevision, traceparent);
  }

  publish(serviceId: string, expectedRevision: number | undefined, actor: Author, traceparent?: string): Promise<ExistingService> {
    return this.execute(serviceId, { type: 'PublishService', data: { serviceId }, metadata: { actor } }, expectedRevision, traceparent);
  }

  retire(serviceId: string, expectedRevision: number | undefined, actor: Author, traceparent?: string): Promise<ExistingService> {
    return this.execute(serviceId, { type: 'RetireService', data: { serviceId }, metadata: { actor } }, expectedRevision, traceparent);
  }

  /** The service as its stream tells it now (no read-model lag): what an editor loads before saving. */
  async load(serviceId: string): Promise<ServiceState> {
    if (!SERVICE_ID.test(serviceId)) return initialServiceState;
    const recorded = await this.store.readStream(streamOf(serviceId));
    return recorded.map((r) => ({ type: r.type, data: r.data, occurredAt: r.metadata.occurredAt }) as ServiceEvent & { occurredAt: string }).reduce(evolveService, initialServiceState);
  }

  private async execute(serviceId: string, command: ServiceCommand, expectedRevision: number | undefined, traceparent?: string): Promise<ExistingService> {
    const state = serviceId ? await this.load(serviceId) : initialServiceState;
    const { actor } = command.metadata;
    if (state.status === 'NONE' && command.type !== 'CreateServiceDraft') throw new ServiceNotFound(serviceId);
    // The revision is the caller's to check only once the service is theirs; before any other rule,
    // because a screen that is out of date is the first thing to fix.
    if (state.status !== 'NONE' && !mayAuthor(actor, state.agencyId)) throw new AuthoringForbidden();
    if (expectedRevision !== undefined && expectedRevision !== state.revision) throw new ServiceChanged(serviceId);
    const events = decideService(command, state);
    const now = this.clock.now();
    const metaActor = actor.role === 'AGENCY_ADMIN' ? { id: actor.id, role: actor.role, agency: actor.agencyId } : { id: actor.id, role: actor.role };
    try {
      await this.store.append(streamOf(serviceId), toNewEvents(events, { now, tenant: this.config.TENANT, actor: metaActor, traceparent }), state.revision === 0 ? 'no_stream' : BigInt(state.revision - 1));
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) throw new ServiceChanged(serviceId);
      throw e;
    }
    const next = events.reduce((s, e) => evolveService(s, { ...e, occurredAt: now.toISOString() }), state);
    return next as ExistingService;
  }

  /** An agency as its stream tells it (the read model may not have it yet right after seeding). */
  async agency(agencyId: string): Promise<AgencyRegistered['data'] | null> {
    if (!SERVICE_ID.test(agencyId)) return null;
    const [registered] = await this.store.readStream(`agency-${agencyId}`, { maxCount: 1 });
    return registered?.type === 'AgencyRegistered' ? (registered.data as AgencyRegistered['data']) : null;
  }
}
