import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore } from '@serang/eventstore';
import { EVENT_STORE, PLATFORM_CONFIG, toNewEvents, type PlatformConfig } from '@serang/platform';
import { evolve, initialState, isSubmitted, type Application, type ApplicationActor } from '../domain/application.decider';
import type { ApplicationEvent } from '../domain/application.events';
import { ApplicationNotFound } from '../domain/request.errors';
import type { ServiceDefinition } from '../domain/service-definition';
import { VersionConflict } from '../domain/workflow.errors';
import { ServiceDefinitions } from '../infra/service-definitions.queries';

export const streamOf = (applicationId: string): string => `application-${applicationId}`;

/**
 * An application's stream: load (fold its events), and append what a decision produced with the
 * revision that was read — a writer who acted in between makes this one fail with CONFLICT, and
 * nothing is retried on the caller's behalf (SPEC.md "Rules").
 */
@Injectable()
export class ApplicationStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly definitions: ServiceDefinitions,
  ) {}

  async load(applicationId: string): Promise<Application> {
    const recorded = await this.store.readStream(streamOf(applicationId));
    const state = (recorded as unknown as ApplicationEvent[]).reduce(evolve, initialState);
    if (!isSubmitted(state)) throw new ApplicationNotFound();
    return state;
  }

  /** The published version the application runs under (kept by request, whatever catalogue does since). */
  async definitionOf(application: Application): Promise<ServiceDefinition> {
    const d = await this.definitions.version(application.serviceId, application.serviceVersion);
    if (!d) throw new Error(`service ${application.serviceId} v${application.serviceVersion} of application ${application.id} is unknown to request`);
    return d;
  }

  /** Appends after the version `state` was at; answers the application as it is now. */
  async append(state: Application, events: ApplicationEvent[], meta: { now: Date; actor: ApplicationActor | { id: string; role: string }; traceparent?: string }): Promise<Application> {
    if (events.length === 0) return state;
    try {
      await this.store.append(streamOf(state.id), toNewEvents(events, { now: meta.now, tenant: this.config.TENANT, actor: meta.actor, traceparent: meta.traceparent }), BigInt(state.version - 1));
    } catch (e) {
      if (e instanceof WrongExpectedRevisionError) throw new VersionConflict(state.version, Number(e.actual) + 1);
      throw e;
    }
    return events.reduce(evolve, state) as Application;
  }
}
