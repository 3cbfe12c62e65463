import { deciderSpec } from '@serang/testing';
import { Webhook } from 'standardwebhooks';
import { WebhookSubscription, type WebhookActor, type WebhookCommand } from '../src/webhooks/domain/webhook.aggregate';
import {
  WebhookForbidden,
  WebhookInputInvalid,
  WebhookSubscriptionDisabledError,
  WebhookSubscriptionNotFound,
  WebhookUrlRefused,
} from '../src/webhooks/domain/webhook.errors';
import type { WebhookEvent } from '../src/webhooks/domain/webhook.events';
import { retryDelayMs } from '../src/webhooks/domain/webhook-payload';
import { isBlockedAddress, urlProblem, type UrlPolicy } from '../src/webhooks/domain/webhook-url';
import { signatureHeaders } from '../src/webhooks/infra/webhook-signature';
import { newWebhookSecret } from '../src/webhooks/infra/webhook-secrets';

const spec = deciderSpec(WebhookSubscription);
const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const now = new Date('2026-12-03T03:00:00.000Z');
const admin: WebhookActor = { id: 'admin-1', role: 'AGENCY_ADMIN', agency: 'disnakertrans' };
const otherAdmin: WebhookActor = { id: 'admin-2', role: 'AGENCY_ADMIN', agency: 'bapenda' };
const officer: WebhookActor = { id: 'officer-1', role: 'OFFICER', agency: 'disnakertrans' };
const platform: WebhookActor = { id: 'service:notification', role: 'SYSTEM' };
const production: UrlPolicy = { allowHttp: false, allowedHosts: [] };
const meta = (actor: WebhookActor) => ({ now, actor });

const create = (
  actor: WebhookActor,
  url = 'https://siap.disnakertrans.serangkab.go.id/hooks',
  eventTypes = ['ApplicationSubmitted'],
): WebhookCommand => ({
  type: 'CreateWebhookSubscription',
  data: { subscriptionId: id, agencyId: 'disnakertrans', systemId: 'sys-1', url, eventTypes, policy: production },
  metadata: meta(actor),
});
const created: WebhookEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId: id,
    agencyId: 'disnakertrans',
    systemId: 'sys-1',
    url: 'https://siap.disnakertrans.serangkab.go.id/hooks',
    eventTypes: ['ApplicationSubmitted'],
    secretVersion: 1,
    createdBy: 'admin-1',
    at: now.toISOString(),
  },
};
const disabled = (reason: 'BY_ADMIN' | 'FAILING', by = 'admin-1'): WebhookEvent => ({
  type: 'WebhookSubscriptionDisabled',
  data: { subscriptionId: id, agencyId: 'disnakertrans', reason, by, at: now.toISOString() },
});

describe('webhook subscription decider', () => {
  it("creates a subscription for an agency admin of the system's agency", () => spec([]).when(create(admin)).then([created]));
  it('refuses other roles and other agencies', () => {
    spec([]).when(create(officer)).thenThrows(WebhookForbidden, { reason: 'WEBHOOK.FORBIDDEN' });
    spec([]).when(create(otherAdmin)).thenThrows(WebhookForbidden);
  });
  it('refuses URLs by the SSRF rules and unknown event types', () => {
    spec([])
      .when(create(admin, 'http://siap.example.id/hooks'))
      .thenThrows(WebhookUrlRefused, { fields: { url: 'WEBHOOK.URL_NOT_HTTPS' } });
    spec([])
      .when(create(admin, 'https://10.0.0.8/hooks'))
      .thenThrows(WebhookUrlRefused, { fields: { url: 'WEBHOOK.URL_PRIVATE' } });
    spec([])
      .when(create(admin, undefined, []))
      .thenThrows(WebhookInputInvalid);
    spec([])
      .when(create(admin, undefined, ['PersonErased']))
      .thenThrows(WebhookInputInvalid);
  });
  it('rotates the secret to the next version', () =>
    spec([created])
      .when({ type: 'RotateWebhookSecret', data: { subscriptionId: id }, metadata: meta(admin) })
      .then([{ type: 'WebhookSecretRotated', data: { subscriptionId: id, secretVersion: 2, by: 'admin-1', at: now.toISOString() } }]));
  it("answers another agency's admin as if the subscription did not exist", () =>
    spec([created])
      .when({ type: 'RotateWebhookSecret', data: { subscriptionId: id }, metadata: meta(otherAdmin) })
      .thenThrows(WebhookSubscriptionNotFound));
  it('disables (once) and enables; the platform disables a failing receiver', () => {
    const disable = (actor: WebhookActor, reason: 'BY_ADMIN' | 'FAILING'): WebhookCommand => ({
      type: 'DisableWebhookSubscription',
      data: { subscriptionId: id, reason },
      metadata: meta(actor),
    });
    spec([created])
      .when(disable(admin, 'BY_ADMIN'))
      .then([disabled('BY_ADMIN')]);
    spec([created])
      .when(disable(platform, 'FAILING'))
      .then([disabled('FAILING', 'service:notification')]);
    spec([created, disabled('BY_ADMIN')])
      .when(disable(platform, 'FAILING'))
      .then([]);
    spec([created, disabled('FAILING')])
      .when({ type: 'EnableWebhookSubscription', data: { subscriptionId: id }, metadata: meta(admin) })
      .then([{ type: 'WebhookSubscriptionEnabled', data: { subscriptionId: id, by: 'admin-1', at: now.toISOString() } }]);
  });
  it('replays from a past instant of an active subscription only', () => {
    const replay = (from: string): WebhookCommand => ({ type: 'ReplayWebhookDeliveries', data: { subscriptionId: id, from }, metadata: meta(admin) });
    spec([created])
      .when(replay('2026-12-01T00:00:00.000Z'))
      .then([
        { type: 'WebhookReplayRequested', data: { subscriptionId: id, from: '2026-12-01T00:00:00.000Z', by: 'admin-1', at: now.toISOString() } },
      ]);
    spec([created]).when(replay('2026-12-04T00:00:00.000Z')).thenThrows(WebhookInputInvalid);
    spec([created, disabled('BY_ADMIN')])
      .when(replay('2026-12-01T00:00:00.000Z'))
      .thenThrows(WebhookSubscriptionDisabledError);
  });
  it('knows no subscription before it is created', () =>
    spec([])
      .when({ type: 'EnableWebhookSubscription', data: { subscriptionId: id }, metadata: meta(admin) })
      .thenThrows(WebhookSubscriptionNotFound));
});

describe('webhook URL rules (SSRF)', () => {
  it('blocks loopback, link-local, private, shared, reserved and mapped addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.2.3.4',
      '172.20.0.1',
      '192.168.0.9',
      '169.254.169.254',
      '100.64.1.1',
      '0.0.0.0',
      '::1',
      'fe80::1',
      'fd00::5',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect({ a, blocked: isBlockedAddress(a) }).toEqual({ a, blocked: true });
    for (const a of ['103.10.20.30', '8.8.8.8', '2001:4860:4860::8888']) expect({ a, blocked: isBlockedAddress(a) }).toEqual({ a, blocked: false });
  });
  it('wants https outside the embedded default, no credentials, no private hosts unless allow-listed', () => {
    expect(urlProblem('https://siap.example.id/hook', production)).toBeNull();
    expect(urlProblem('http://siap.example.id/hook', production)).toBe('WEBHOOK.URL_NOT_HTTPS');
    expect(urlProblem('http://siap.example.id/hook', { allowHttp: true, allowedHosts: [] })).toBeNull();
    expect(urlProblem('https://a:b@siap.example.id/', production)).toBe('WEBHOOK.URL_CREDENTIALS');
    expect(urlProblem('https://localhost/', production)).toBe('WEBHOOK.URL_PRIVATE');
    expect(urlProblem('https://[::1]/', production)).toBe('WEBHOOK.URL_PRIVATE');
    expect(urlProblem('https://10.0.0.7/', { allowHttp: false, allowedHosts: ['10.0.0.7'] })).toBeNull();
  });
});

describe('webhook signatures and retries', () => {
  it('signs as Standard Webhooks does: the library verifies, with either secret during a rotation', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'application.submitted', data: { applicationId: 'x' } });
    const headers = signatureHeaders('msg_1', new Date(), body, [b, a]);
    expect(new Webhook(a).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(b).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
  });
  it('backs off from the base, doubling, to the cap', () => {
    const policy = { baseSeconds: 5, maxSeconds: 600 };
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n, policy) / 1000)).toEqual([5, 10, 20, 40, 600, 600]);
  });
});
