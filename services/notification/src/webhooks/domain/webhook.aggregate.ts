import { idKind } from '@serang/domain';
import type { Actor, Aggregate, Command } from '@serang/eventstore';
import {
  WebhookForbidden,
  WebhookInputInvalid,
  WebhookSubscriptionDisabledError,
  WebhookSubscriptionNotFound,
  WebhookUrlRefused,
} from './webhook.errors';
import { WEBHOOK_EVENT_TYPES, type DisabledReason, type WebhookEvent } from './webhook.events';
import { urlProblem, type UrlPolicy } from './webhook-url';

/** A webhook subscription's id (UUIDv7), parsed once at the edge; a malformed one names nothing. */
export const WebhookSubscriptionId = idKind<'WebhookSubscriptionId'>(
  /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  (raw) => new WebhookSubscriptionNotFound(raw),
);

/**
 * One agency system's subscription to application events of its agency: where to POST them
 * (Standard Webhooks), which event types, and which version of its signing secret is current.
 */
export type WebhookSubscriptionState =
  | { status: 'NONE' }
  | {
      status: 'ACTIVE' | 'DISABLED';
      agencyId: string;
      systemId: string;
      url: string;
      eventTypes: string[];
      secretVersion: number;
      disabledReason: DisabledReason | null;
    };

/** The actor of a subscription command: an agency admin (role and agency from the token), or the platform itself. */
export type WebhookActor = Actor;

/** An agency admin subscribes one of their agency's systems to event types, at a URL the URL policy accepts. */
export type CreateWebhookSubscription = Command<
  'CreateWebhookSubscription',
  { subscriptionId: string; agencyId: string; systemId: string; url: string; eventTypes: string[]; policy: UrlPolicy },
  WebhookActor
>;
/** A new signing secret; the previous one still signs alongside for a while (the sender's rule), so receivers can switch. */
export type RotateWebhookSecret = Command<'RotateWebhookSecret', { subscriptionId: string }, WebhookActor>;
/** By its admin, or by the platform when the receiver has failed for a day (`FAILING`). */
export type DisableWebhookSubscription = Command<'DisableWebhookSubscription', { subscriptionId: string; reason: DisabledReason }, WebhookActor>;
/** Sending resumes, in order, with whatever waited meanwhile. */
export type EnableWebhookSubscription = Command<'EnableWebhookSubscription', { subscriptionId: string }, WebhookActor>;
/** Sends again everything since `from` (an ISO instant not in the future). */
export type ReplayWebhookDeliveries = Command<'ReplayWebhookDeliveries', { subscriptionId: string; from: string }, WebhookActor>;

export type WebhookCommand =
  CreateWebhookSubscription | RotateWebhookSecret | DisableWebhookSubscription | EnableWebhookSubscription | ReplayWebhookDeliveries;

const SYSTEM_ROLE = 'SYSTEM';

/** Only an agency admin of the subscription's own agency (or the platform's own process) acts on it. */
function assertManages(actor: WebhookActor, agencyId: string): void {
  if (actor.role === SYSTEM_ROLE) return;
  if (actor.role !== 'AGENCY_ADMIN' || actor.agency !== agencyId) throw new WebhookForbidden();
}

function create(command: CreateWebhookSubscription, state: WebhookSubscriptionState): WebhookEvent[] {
  if (state.status !== 'NONE') throw new Error(`webhook subscription ${command.data.subscriptionId} exists`);
  const { data, metadata } = command;
  assertManages(metadata.actor, data.agencyId);
  const problem = urlProblem(data.url, data.policy);
  if (problem) throw new WebhookUrlRefused(problem);
  const eventTypes = [...new Set(data.eventTypes)];
  if (!eventTypes.length || eventTypes.some((t) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(t)))
    throw new WebhookInputInvalid({ eventTypes: 'WEBHOOK.EVENT_TYPES_INVALID' });
  return [
    {
      type: 'WebhookSubscriptionCreated',
      data: {
        subscriptionId: data.subscriptionId,
        agencyId: data.agencyId,
        systemId: data.systemId,
        url: new URL(data.url).toString(),
        eventTypes: WEBHOOK_EVENT_TYPES.filter((t) => eventTypes.includes(t)),
        secretVersion: 1,
        createdBy: metadata.actor.id,
        at: metadata.now.toISOString(),
      },
    },
  ];
}

/** Decides what an agency admin's (or the platform's) command does to one subscription. Pure: no I/O, no clock. */
export function decide(command: WebhookCommand, state: WebhookSubscriptionState): WebhookEvent[] {
  if (command.type === 'CreateWebhookSubscription') return create(command, state);
  if (state.status === 'NONE') throw new WebhookSubscriptionNotFound(command.data.subscriptionId);
  const { actor, now } = command.metadata;
  // Another agency's subscription answers like a missing one.
  if (actor.role !== SYSTEM_ROLE && actor.agency !== state.agencyId) throw new WebhookSubscriptionNotFound(command.data.subscriptionId);
  assertManages(actor, state.agencyId);
  const at = now.toISOString();
  const subscriptionId = command.data.subscriptionId;
  switch (command.type) {
    case 'RotateWebhookSecret':
      return [{ type: 'WebhookSecretRotated', data: { subscriptionId, secretVersion: state.secretVersion + 1, by: actor.id, at } }];
    case 'DisableWebhookSubscription':
      if (state.status === 'DISABLED') return [];
      return [
        { type: 'WebhookSubscriptionDisabled', data: { subscriptionId, agencyId: state.agencyId, reason: command.data.reason, by: actor.id, at } },
      ];
    case 'EnableWebhookSubscription':
      if (state.status === 'ACTIVE') return [];
      return [{ type: 'WebhookSubscriptionEnabled', data: { subscriptionId, by: actor.id, at } }];
    case 'ReplayWebhookDeliveries': {
      if (state.status === 'DISABLED') throw new WebhookSubscriptionDisabledError();
      const from = new Date(command.data.from);
      if (Number.isNaN(from.getTime()) || from.getTime() > now.getTime()) throw new WebhookInputInvalid({ from: 'WEBHOOK.REPLAY_FROM_INVALID' });
      return [{ type: 'WebhookReplayRequested', data: { subscriptionId, from: from.toISOString(), by: actor.id, at } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: WebhookSubscriptionState, event: WebhookEvent): WebhookSubscriptionState {
  switch (event.type) {
    case 'WebhookSubscriptionCreated':
      return {
        status: 'ACTIVE',
        agencyId: event.data.agencyId,
        systemId: event.data.systemId,
        url: event.data.url,
        eventTypes: event.data.eventTypes,
        secretVersion: event.data.secretVersion,
        disabledReason: null,
      };
    case 'WebhookSecretRotated':
      return state.status === 'NONE' ? state : { ...state, secretVersion: event.data.secretVersion };
    case 'WebhookSubscriptionDisabled':
      return state.status === 'NONE' ? state : { ...state, status: 'DISABLED', disabledReason: event.data.reason };
    case 'WebhookSubscriptionEnabled':
      return state.status === 'NONE' ? state : { ...state, status: 'ACTIVE', disabledReason: null };
    case 'WebhookReplayRequested':
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/** A webhook subscription on the one write path: stream `webhook-<id>`. */
export const WebhookSubscription: Aggregate<WebhookCommand, WebhookEvent, WebhookSubscriptionState> = {
  category: 'webhook',
  initialState: { status: 'NONE' },
  decide,
  evolve,
};
