import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, load, streamOf as streamOfAggregate, type CommandFor, type EventStore } from '@serang/eventstore';
import { EVENT_STORE } from '@serang/platform';
import { ApplicationAggregate, isSubmitted, type Application, type ApplicationCommand, type ApplicationState } from '../domain/application.decider';
import { ApplicationNotFound } from '../domain/request.errors';
import type { ServiceDefinition } from '../domain/service-definition';
import { VersionConflict } from '../domain/workflow.errors';
import { ServiceDefinitions } from '../infra/service-definitions.queries';
import { countApplicationEvents } from './request.metrics';

export const streamOf = (applicationId: string): string => streamOfAggregate(ApplicationAggregate, applicationId);

/** Nobody's application and no application answer alike; a command is only for a submitted one. */
export function mustBeSubmitted(state: ApplicationState): asserts state is Application {
  if (!isSubmitted(state)) throw new ApplicationNotFound();
}

/**
 * An application's stream on the one write path (docs/write-path.md): load it, and have a command
 * decided and appended by the CommandHandler with the revision that was read.
 */
@Injectable()
export class ApplicationStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: CommandHandler,
    private readonly definitions: ServiceDefinitions,
  ) {}

  async load(applicationId: string): Promise<Application> {
    const { state } = await load(this.store, ApplicationAggregate, applicationId);
    mustBeSubmitted(state);
    return state;
  }

  /** The published version the application runs under (kept by request, whatever catalogue does since). */
  async definitionOf(application: Application): Promise<ServiceDefinition> {
    const d = await this.definitions.version(application.serviceId, application.serviceVersion);
    if (!d) throw new Error(`service ${application.serviceId} v${application.serviceVersion} of application ${application.id} is unknown to request`);
    return d;
  }

  /**
   * Decides a command (or one made from the application as loaded) and appends it; answers the
   * application as it is now. If the stream moved in between: when only the clock wrote (an SLA
   * warning or breach, no step an officer saw) the command is made and decided again; when
   * someone acted, the caller gets CONFLICT and nothing is retried on their behalf (SPEC.md).
   */
  async decide(
    applicationId: string,
    command: CommandFor<ApplicationCommand, Application>,
    guard?: (state: Application) => void,
  ): Promise<Application> {
    const handled = await this.handler.handle(ApplicationAggregate, applicationId, command as CommandFor<ApplicationCommand, ApplicationState>, {
      guard: (state) => {
        mustBeSubmitted(state);
        guard?.(state);
      },
      retryWhen: (seen, now) => seen.version === now.version,
      conflict: (seen, now) => new VersionConflict(seen.version, now.version),
    });
    countApplicationEvents(handled.state as Application, handled.events);
    return handled.state as Application;
  }
}
