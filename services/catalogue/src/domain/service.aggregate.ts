import { idKind, type Branded } from '@serang/domain';
import type { Aggregate, Command, EventContext } from '@serang/eventstore';
import { InvalidDefinitionError, parseDefinition, validateServiceNames, type DefinitionProblem } from '@serang/service-definition';
import type { ServiceEvent } from './catalogue.events';
import {
  AuthoringForbidden,
  DefinitionInvalid,
  NoDraftToPublish,
  ServiceAlreadyExists,
  ServiceIsRetired,
  ServiceNotFound,
  ServiceNotPublished,
} from './service.errors';

/** Who authors, as the access token says: an admin of one agency, a platform admin, or the platform's own seeding. */
export type Author = { id: string; role: 'AGENCY_ADMIN'; agency: string } | { id: string; role: 'PLATFORM_ADMIN' } | { id: 'system'; role: 'SYSTEM' };

/** Ids that can name a stream at all (`disnakertrans-ak1`); anything else is simply no service. */
export const ServiceId = idKind<'ServiceId'>(/^[a-z0-9][a-z0-9_-]{0,100}$/, (raw) => new ServiceNotFound(raw));
export type ServiceId = Branded<'ServiceId'>;

/** One version's content as the stream tells it; `at` is when it was saved (a draft) or published. */
export interface VersionContent {
  version: number;
  nameId: string;
  nameEn: string;
  definitionJson: string;
  at: string;
}

/**
 * A service (layanan) through its lifecycle (docs/service-definitions.md): DRAFT until first
 * published; PUBLISHED with the version in force and perhaps the draft of the next; RETIRED.
 */
export type ServiceState =
  | { status: 'NONE'; revision: 0 }
  | {
      status: 'DRAFT' | 'PUBLISHED' | 'RETIRED';
      /** Number of events in the stream: what a caller names to say "the service as I saw it". */
      revision: number;
      serviceId: string;
      agencyId: string;
      code: string;
      draft: VersionContent | null;
      published: VersionContent | null;
      retiredAt: string | null;
    };
export type ExistingService = Exclude<ServiceState, { status: 'NONE' }>;

export const initialServiceState: ServiceState = { status: 'NONE', revision: 0 };

/** An author starts a service as a draft; its id is its agency and code (`serviceIdOf`). */
export type CreateServiceDraft = Command<
  'CreateServiceDraft',
  { serviceId: string; agencyId: string; code: string; nameId: string; nameEn: string; definitionJson: string },
  Author
>;
/** An author saves the draft; on a published service this starts draft n+1 while n stays in force. */
export type UpdateServiceDraft = Command<'UpdateServiceDraft', { serviceId: string; nameId: string; nameEn: string; definitionJson: string }, Author>;
/** An author makes the draft the version in force. */
export type PublishService = Command<'PublishService', { serviceId: string }, Author>;
/** An author stops new applications (running ones finish under their own version). */
export type RetireService = Command<'RetireService', { serviceId: string }, Author>;
export type ServiceCommand = CreateServiceDraft | UpdateServiceDraft | PublishService | RetireService;

/** Decides what an author's command does to one service. Pure: no I/O, no clock. */
function decide(command: ServiceCommand, state: ServiceState): ServiceEvent[] {
  if (command.type === 'CreateServiceDraft') return create(command, state);
  assertAuthorOf(state, command.metadata.actor, command.data.serviceId);
  if (state.status === 'RETIRED') throw new ServiceIsRetired(state.serviceId);
  switch (command.type) {
    case 'UpdateServiceDraft':
      return update(command, state);
    case 'PublishService':
      return publish(state);
    case 'RetireService':
      return retire(state);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

function create(command: CreateServiceDraft, state: ServiceState): ServiceEvent[] {
  const d = command.data;
  if (!mayAuthor(command.metadata.actor, d.agencyId)) throw new AuthoringForbidden();
  if (state.status !== 'NONE') throw new ServiceAlreadyExists(d.serviceId);
  const definitionJson = checked({ code: d.code, nameId: d.nameId, nameEn: d.nameEn }, d.definitionJson);
  return [
    {
      type: 'ServiceDraftCreated',
      data: { serviceId: d.serviceId, agencyId: d.agencyId, code: d.code, version: 1, nameId: d.nameId, nameEn: d.nameEn, definitionJson },
    },
  ];
}

/** Saves the draft; after a publication this starts draft n+1 while version n stays in force. */
function update(command: UpdateServiceDraft, state: ExistingService): ServiceEvent[] {
  const d = command.data;
  const definitionJson = checked({ code: state.code, nameId: d.nameId, nameEn: d.nameEn }, d.definitionJson);
  const version = state.draft?.version ?? state.published!.version + 1;
  return [
    {
      type: 'ServiceDraftUpdated',
      data: { serviceId: state.serviceId, agencyId: state.agencyId, version, nameId: d.nameId, nameEn: d.nameEn, definitionJson },
    },
  ];
}

/** The draft becomes the version in force, immutable from now on. Checked again: the rules may have grown since it was saved. */
function publish(state: ExistingService): ServiceEvent[] {
  const draft = state.draft;
  if (!draft) throw new NoDraftToPublish(state.serviceId);
  const definitionJson = checked({ code: state.code, nameId: draft.nameId, nameEn: draft.nameEn }, draft.definitionJson);
  return [
    {
      type: 'ServicePublished',
      data: {
        serviceId: state.serviceId,
        agencyId: state.agencyId,
        version: draft.version,
        code: state.code,
        nameId: draft.nameId,
        nameEn: draft.nameEn,
        definitionJson,
      },
    },
  ];
}

/** No new applications from now on; running ones finish under their own version. A pending draft is dropped. */
function retire(state: ExistingService): ServiceEvent[] {
  if (!state.published) throw new ServiceNotPublished(state.serviceId);
  return [{ type: 'ServiceRetired', data: { serviceId: state.serviceId, agencyId: state.agencyId, version: state.published.version } }];
}

/** The service exists and the actor may author it: a service of another agency is refused as such. */
export function assertAuthorOf(state: ServiceState, actor: Author, serviceId: string): asserts state is ExistingService {
  if (state.status === 'NONE') throw new ServiceNotFound(serviceId);
  if (!mayAuthor(actor, state.agencyId)) throw new AuthoringForbidden();
}

export function mayAuthor(actor: Author, agencyId: string): boolean {
  return actor.role === 'SYSTEM' || actor.role === 'PLATFORM_ADMIN' || (actor.role === 'AGENCY_ADMIN' && actor.agency === agencyId);
}

/** Every problem of the names and the document at once; the document as compact JSON. */
function checked(names: { code: string; nameId: string; nameEn: string }, definitionJson: string): string {
  const problems: DefinitionProblem[] = validateServiceNames(names);
  let document: unknown;
  try {
    document = parseDefinition(definitionJson);
  } catch (e) {
    if (!(e instanceof InvalidDefinitionError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0) throw new DefinitionInvalid(problems);
  return JSON.stringify(document);
}

/** Folds one event into the state (dating each version by when it was decided); replaying a stream always gives the same service. */
function evolve(state: ServiceState, event: ServiceEvent, { occurredAt: at }: EventContext): ServiceState {
  const revision = state.revision + 1;
  switch (event.type) {
    case 'ServiceDraftCreated': {
      const d = event.data;
      const draft = { version: d.version, nameId: d.nameId, nameEn: d.nameEn, definitionJson: d.definitionJson, at };
      return { status: 'DRAFT', revision, serviceId: d.serviceId, agencyId: d.agencyId, code: d.code, draft, published: null, retiredAt: null };
    }
    case 'ServiceDraftUpdated': {
      const d = event.data;
      return {
        ...existing(state),
        revision,
        draft: { version: d.version, nameId: d.nameId, nameEn: d.nameEn, definitionJson: d.definitionJson, at },
      };
    }
    case 'ServicePublished': {
      const d = event.data;
      const published = { version: d.version, nameId: d.nameId, nameEn: d.nameEn, definitionJson: d.definitionJson, at };
      // Seeds and the first services were published without a draft event before them.
      const base = state.status === 'NONE' ? { serviceId: d.serviceId, agencyId: d.agencyId, code: d.code, retiredAt: null } : state;
      return { ...base, status: 'PUBLISHED', revision, draft: null, published };
    }
    case 'ServiceRetired':
      return { ...existing(state), status: 'RETIRED', revision, draft: null, retiredAt: at };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${String(unknown)}`);
    }
  }
}

function existing(state: ServiceState): ExistingService {
  if (state.status === 'NONE') throw new Error('event for a service that was never created');
  return state;
}

/**
 * A new service's id: its agency and code (`disnakertrans` + `AK1` → `disnakertrans-ak1`), so the
 * id is readable, stable, and unique by construction: a resent create finds the service it made.
 */
export const serviceIdOf = (agencyId: string, code: string): string => `${agencyId}-${code.toLowerCase()}`;

/** An agency's service (layanan) through draft, publication and retirement: `service-<serviceId>`. */
export const Service: Aggregate<ServiceCommand, ServiceEvent, ServiceState> = {
  category: 'service',
  initialState: initialServiceState,
  decide,
  evolve,
};

/**
 * The expected revision of the store for a count of events a caller saw (`ServiceState.revision`
 * counts events: 0 is a service that does not exist yet).
 */
export const storeRevisionOf = (eventsSeen: number): bigint | 'no_stream' => (eventsSeen === 0 ? 'no_stream' : BigInt(eventsSeen - 1));
