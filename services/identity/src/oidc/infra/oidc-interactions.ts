import type { IncomingMessage, ServerResponse } from 'node:http';

type Provider = InstanceType<(typeof import('oidc-provider', { with: { 'resolution-mode': 'import' } }))['Provider']>;

/** What a login or consent page needs to know about the interaction in progress. */
export interface InteractionView {
  uid: string;
  prompt: string;
  clientId: string;
  /** OpenID scopes asked for and not yet granted (consent prompt). */
  missingScopes: string[];
  uiLocales?: string;
}

export interface OidcProviderHandle {
  readonly kid: string;
  /** The provider as a node (req, res) handler, for requests under the issuer's path. */
  callback: (req: IncomingMessage, res: ServerResponse) => void;
  /** Throws when the interaction cookie is missing, expired or belongs to another interaction than `uid`. */
  interaction(req: IncomingMessage, res: ServerResponse, uid: string): Promise<InteractionView>;
  finishLogin(req: IncomingMessage, res: ServerResponse, uid: string, accountId: string): Promise<void>;
  /** `granted`: the scopes the citizen ticked (openid always); the rest of the asked ones are rejected. */
  finishConsent(req: IncomingMessage, res: ServerResponse, uid: string, granted: readonly string[]): Promise<void>;
  abort(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void>;
}

/** An interaction that is not (or no longer) the one the page belongs to. */
export class InteractionExpired extends Error {
  constructor(message = 'interaction not found or expired') {
    super(message);
  }
}

/**
 * The interaction API of a built provider (interactionDetails / interactionFinished and grants),
 * narrowed to what the login and consent pages do. Only types of oidc-provider are imported here.
 */
export function interactionHandle(provider: Provider, kid: string): OidcProviderHandle {
  const details = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    try {
      const interaction = await provider.interactionDetails(req, res);
      if (interaction.uid !== uid) throw new InteractionExpired('interaction cookie belongs to another interaction');
      return interaction;
    } catch (e) {
      throw e instanceof InteractionExpired ? e : new InteractionExpired((e as Error).message);
    }
  };
  return {
    kid,
    callback: provider.callback(),
    async interaction(req, res, uid) {
      const i = await details(req, res, uid);
      const prompt = i.prompt.details as { missingOIDCScope?: string[] };
      const params = i.params as { client_id?: string; ui_locales?: string };
      return {
        uid: i.uid,
        prompt: i.prompt.name,
        clientId: String(params.client_id),
        missingScopes: prompt.missingOIDCScope ?? [],
        ...(params.ui_locales ? { uiLocales: params.ui_locales } : {}),
      };
    },
    async finishLogin(req, res, uid, accountId) {
      const i = await details(req, res, uid);
      if (i.prompt.name !== 'login') throw new InteractionExpired('no login was asked for');
      await provider.interactionFinished(req, res, { login: { accountId, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
    },
    async finishConsent(req, res, uid, granted) {
      const i = await details(req, res, uid);
      const accountId = i.session?.accountId;
      if (i.prompt.name !== 'consent' || !accountId) throw new InteractionExpired('no consent was asked for');
      const asked = (i.prompt.details as { missingOIDCScope?: string[] }).missingOIDCScope ?? [];
      const grant = i.grantId ? await provider.Grant.find(i.grantId) : new provider.Grant({ accountId, clientId: String(i.params.client_id) });
      if (!grant) throw new InteractionExpired('grant not found');
      const yes = asked.filter((scope) => scope === 'openid' || granted.includes(scope));
      const no = asked.filter((scope) => !yes.includes(scope));
      if (yes.length) grant.addOIDCScope(yes);
      if (no.length) grant.rejectOIDCScope(no); // remembered as answered: the page does not ask again
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: i.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
    },
    async abort(req, res, uid) {
      await details(req, res, uid);
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
    },
  };
}
