import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type EventStore, toNewEvents } from '@serang/eventstore';
import { EVENT_STORE, PLATFORM_CONFIG, type PlatformConfig } from '@serang/platform';
import { evolve, fromHistory, isSubmitted, type Application, type ApplicationActor } from '../domain/application.decider';
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
    const state = fromHistory(recorded);
    if (!isSubmitted(state)) throw new ApplicationNotFound();
    return state;
  }

  /** The published version the application runs under (kept by request, whatever catalogue does since). */
  async definitionOf(application: Application): Promise<ServiceDefinition> {
    const d = await this.definitions.version(application.serviceId, application.serviceVersion);
    if (!d) throw new Error(`service ${application.serviceId} v${application.serviceVersion} of application ${application.id} is unknown to request`);
    return d;
  }

  /**
   * Loads, decides and appends after the revision read; answers the application as it is now. If
   * the stream moved in between, it is read again: when only the clock wrote (an SLA warning or
   * breach, which is no step an officer saw), the same command is decided again; when someone
   * acted, the caller gets CONFLICT and nothing is retried on their behalf.
   */
  async decideAndAppend(
    applicationId: string,
    decideOn: (state: Application) => Promise<ApplicationEvent[]> | ApplicationEvent[],
    meta: { now: Date; actor: ApplicationActor | { id: string; role: string }; traceparent?: string },
  ): Promise<Application> {
    let state = await this.load(applicationId);
    for (let attempt = 1; ; attempt++) {
      const events = await decideOn(state);
      if (events.length === 0) return state;
      try {
        await this.store.append(streamOf(state.id), toNewEvents(events, { now: meta.now, tenant: this.config.TENANT, actor: meta.actor, traceparent: meta.traceparent }), BigInt(state.revision - 1));
        return events.reduce(evolve, state) as Application;
      } catch (e) {
        if (!(e instanceof WrongExpectedRevisionError)) throw e;
        const now = await this.load(applicationId);
        if (now.version !== state.version || attempt >= 3) throw new VersionConflict(state.version, now.version);
        state = now;
      }
    }
  }
}
