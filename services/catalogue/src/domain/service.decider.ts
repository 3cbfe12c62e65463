import type { ServicePublished } from './catalogue.events';

export type ServiceState = { version: number };
export const initialServiceState: ServiceState = { version: 0 };

export type PublishService = {
  type: 'PublishService';
  serviceId: string;
  agencyId: string;
  code: string;
  nameId: string;
  nameEn: string;
  definition: Record<string, unknown>;
};

/** Publishes the next immutable version of a service. Pure. */
export function decideService(command: PublishService, state: ServiceState): ServicePublished[] {
  return [
    {
      type: 'ServicePublished',
      data: {
        serviceId: command.serviceId,
        agencyId: command.agencyId,
        version: state.version + 1,
        code: command.code,
        nameId: command.nameId,
        nameEn: command.nameEn,
        definitionJson: JSON.stringify(command.definition),
      },
    },
  ];
}

export function evolveService(state: ServiceState, event: ServicePublished): ServiceState {
  return { version: Math.max(state.version, event.data.version) };
}
