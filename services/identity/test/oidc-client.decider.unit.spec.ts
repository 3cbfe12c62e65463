import { decodeEvent, encodeEvent } from '@serang/contracts';
import { InvalidInput } from '../src/person/domain/identity.errors';
import { deciderSpec } from '@serang/testing';
import { OidcClient } from '../src/oidc/domain/oidc-client.decider';
import type { OidcClientEvent } from '../src/oidc/domain/oidc-client.events';
import { isAcceptableRedirectUri, validateOidcClientForm } from '../src/oidc/domain/oidc-client-form';
import { personalClaimsFor } from '../src/oidc/domain/oidc-scopes';
import { OidcClientExists, OidcClientNotFound } from '../src/oidc/domain/oidc.errors';

const given = deciderSpec(OidcClient);
const platformAdmin = (at: Date) => ({ now: at, actor: { id: 'admin-1', role: 'PLATFORM_ADMIN' } });

const clientId = '0190a000-0000-7000-8000-0000000000c1';
const now = new Date('2026-01-05T03:00:00.000Z');
const later = new Date('2026-02-01T01:00:00.000Z');
const client = validateOidcClientForm({ agencyId: 'disdukcapil', name: 'Adminduk Online', redirectUris: ['https://adminduk.serangkab.go.id/cb'] });
const registered: OidcClientEvent = {
  type: 'OidcClientRegistered',
  data: {
    clientId,
    agencyId: 'disdukcapil',
    name: 'Adminduk Online',
    redirectUris: ['https://adminduk.serangkab.go.id/cb'],
    scopes: ['openid', 'profile', 'email', 'phone'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    registeredAt: now.toISOString(),
  },
};
const disabled: OidcClientEvent = { type: 'OidcClientDisabled', data: { clientId, disabledAt: later.toISOString() } };

describe('single sign-on client decider', () => {
  it('registers a client once', () => {
    given([])
      .when({ type: 'RegisterOidcClient', data: { clientId, client }, metadata: platformAdmin(now) })
      .then([registered]);
    given([registered])
      .when({ type: 'RegisterOidcClient', data: { clientId, client }, metadata: platformAdmin(now) })
      .thenThrows(OidcClientExists);
  });

  it('disables a registered client once; a second time decides nothing; an unknown one is not found', () => {
    given([registered])
      .when({ type: 'DisableOidcClient', data: { clientId }, metadata: platformAdmin(later) })
      .then([disabled]);
    given([registered, disabled])
      .when({ type: 'DisableOidcClient', data: { clientId }, metadata: platformAdmin(later) })
      .then([]);
    given([])
      .when({ type: 'DisableOidcClient', data: { clientId }, metadata: platformAdmin(later) })
      .thenThrows(OidcClientNotFound);
  });

  it('events fit their protobuf contracts (Kafka mode relays them)', () => {
    for (const event of [registered, disabled]) expect(decodeEvent(event.type, encodeEvent(event.type, event.data).bytes)).toEqual(event.data);
  });
});

describe('single sign-on client form', () => {
  it('accepts https, and http only on this machine; never fragments, credentials or wildcards', () => {
    for (const ok of [
      'https://app.serangkab.go.id/cb',
      'https://app.serangkab.go.id:8443/cb?x=1',
      'http://127.0.0.1:4929/cb',
      'http://localhost/cb',
      'http://[::1]:80/cb',
    ]) {
      expect(isAcceptableRedirectUri(ok)).toBe(true);
    }
    for (const bad of [
      'http://app.serangkab.go.id/cb',
      'https://app.serangkab.go.id/cb#x',
      'https://u:p@app.serangkab.go.id/cb',
      'https://*.serangkab.go.id/cb',
      'ftp://x/cb',
      'myapp://cb',
      '/cb',
      ' https://a.b/cb',
    ]) {
      expect(isAcceptableRedirectUri(bad)).toBe(false);
    }
  });

  it('normalises the agency id and name, defaults scopes and method, keeps scopes in canonical order', () => {
    expect(
      validateOidcClientForm({
        agencyId: ' DisDukCapil ',
        name: '  Adminduk   Online ',
        redirectUris: ['https://a.b/cb', 'https://a.b/cb'],
        scopes: ['email', 'openid'],
      }),
    ).toEqual({
      agencyId: 'disdukcapil',
      name: 'Adminduk Online',
      redirectUris: ['https://a.b/cb'],
      scopes: ['openid', 'email'],
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
  });

  it('reports every bad field at once', () => {
    let error: unknown;
    try {
      validateOidcClientForm({
        agencyId: 'x',
        name: '',
        redirectUris: [],
        scopes: ['openid', 'offline_access'],
        tokenEndpointAuthMethod: 'none' as never,
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInput);
    expect((error as InvalidInput).fields).toEqual({
      agencyId: 'IDENTITY.OIDC_AGENCY_INVALID',
      name: 'IDENTITY.OIDC_CLIENT_NAME_INVALID',
      redirectUris: 'IDENTITY.OIDC_REDIRECT_URI_INVALID',
      scopes: 'IDENTITY.OIDC_SCOPES_INVALID',
      tokenEndpointAuthMethod: 'IDENTITY.OIDC_AUTH_METHOD_INVALID',
    });
  });

  it('maps granted scopes to the personal claims they release, minus rejected claims', () => {
    expect(personalClaimsFor('openid profile email phone')).toEqual(['name', 'email', 'phone_number']);
    expect(personalClaimsFor('openid')).toEqual([]);
    expect(personalClaimsFor('openid email phone', ['phone_number'])).toEqual(['email']);
    expect(personalClaimsFor('openid offline_access address')).toEqual([]);
  });
});
