import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, load, type EventStore } from '@serang/eventstore';
import { CLOCK, EVENT_STORE, type Clock } from '@serang/platform';
import { SERVICE_CODE_PATTERN } from '@serang/service-definition';
import { Agency } from '../domain/agency.aggregate';
import type { AgencyRegistered } from '../domain/catalogue.events';
import {
  assertAuthorOf,
  mayAuthor,
  Service,
  ServiceId,
  serviceIdOf,
  storeRevisionOf,
  type Author,
  type ExistingService,
  type ServiceCommand,
  type ServiceState,
} from '../domain/service.aggregate';
import { AgencyNotFound, AuthoringForbidden, ServiceAlreadyExists, ServiceChanged } from '../domain/service.errors';

export interface DraftContent {
  nameId: string;
  nameEn: string;
  definitionJson: string;
}

/**
 * Agency admins author their services on the one write path (docs/write-path.md): a command,
 * decided on the service's stream and appended with the revision read — a concurrent writer gets
 * ServiceChanged and nothing is written. A caller may also name the revision they saw
 * (`expectedRevision`, counted in events), so an edit made on a stale screen is refused too.
 */
@Injectable()
export class ServiceAuthoring {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(agencyId: string, content: DraftContent & { code: string }, actor: Author, traceparent?: string): Promise<ExistingService> {
    // The token decides first: naming another agency is refused before anything is looked up.
    if (!mayAuthor(actor, agencyId)) throw new AuthoringForbidden();
    if (!(await this.agency(agencyId))) throw new AgencyNotFound(agencyId);
    // A bad code names no stream; deciding against a new service then reports it with every other problem.
    const serviceId = SERVICE_CODE_PATTERN.test(content.code) ? serviceIdOf(agencyId, content.code) : '';
    const command: ServiceCommand = {
      type: 'CreateServiceDraft',
      data: { serviceId, agencyId, ...content },
      metadata: this.metadata(actor, traceparent),
    };
    if (!serviceId) return Service.decide(command, Service.initialState) as never; // throws DefinitionInvalid
    // Created at most once: a second create (a resend, a race) finds the stream and is told so.
    return this.execute(serviceId, command, 0, () => new ServiceAlreadyExists(serviceId));
  }

  update(
    serviceId: string,
    content: DraftContent,
    expectedRevision: number | undefined,
    actor: Author,
    traceparent?: string,
  ): Promise<ExistingService> {
    return this.execute(
      serviceId,
      { type: 'UpdateServiceDraft', data: { serviceId, ...content }, metadata: this.metadata(actor, traceparent) },
      expectedRevision,
    );
  }

  publish(serviceId: string, expectedRevision: number | undefined, actor: Author, traceparent?: string): Promise<ExistingService> {
    return this.execute(serviceId, { type: 'PublishService', data: { serviceId }, metadata: this.metadata(actor, traceparent) }, expectedRevision);
  }

  retire(serviceId: string, expectedRevision: number | undefined, actor: Author, traceparent?: string): Promise<ExistingService> {
    return this.execute(serviceId, { type: 'RetireService', data: { serviceId }, metadata: this.metadata(actor, traceparent) }, expectedRevision);
  }

  /** The service as its stream tells it now (no read-model lag): what an editor loads before saving. */
  async load(serviceId: string): Promise<ServiceState> {
    if (!ServiceId.is(serviceId)) return Service.initialState;
    return (await load(this.store, Service, serviceId)).state;
  }

  /** An agency as its stream tells it (the read model may not have it yet right after seeding). */
  async agency(agencyId: string): Promise<AgencyRegistered['data'] | null> {
    if (!ServiceId.is(agencyId)) return null;
    const [registered] = await this.store.readStream(`${Agency.category}-${agencyId}`, { maxCount: 1 });
    return registered?.type === 'AgencyRegistered' ? (registered.data as AgencyRegistered['data']) : null;
  }

  private async execute(
    serviceId: string,
    command: ServiceCommand,
    expectedRevision: number | undefined,
    conflict: () => Error = () => new ServiceChanged(serviceId),
  ): Promise<ExistingService> {
    const { state } = await this.handler.handle(Service, ServiceId.from(serviceId), command, {
      // Whether the service exists and is the caller's to author, before whether their screen is
      // stale: another agency's service must not even tell that it changed.
      guard: (s) => command.type !== 'CreateServiceDraft' && assertAuthorOf(s, command.metadata.actor, serviceId),
      expectedRevision: expectedRevision === undefined ? undefined : storeRevisionOf(expectedRevision),
      conflict,
    });
    return state as ExistingService;
  }

  private metadata(actor: Author, traceparent?: string) {
    return { now: this.clock.now(), actor, ...(traceparent ? { traceparent } : {}) };
  }
}
