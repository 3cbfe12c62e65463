import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidCredentials, LoginThrottled } from '../../person';
import { clientAddress } from '../../sessions';
import { StaffQueries } from '../../staff';
import { OidcClientReader } from '../application/oidc-client-reader';
import { OidcSignIn } from '../application/oidc-sign-in';
import { OidcCitizensOnly } from '../domain/oidc.errors';
import { InteractionExpired, type InteractionView } from '../infra/oidc-interactions';
import { OidcProviderHost } from '../infra/oidc-provider.host';
import { OIDC_MOUNT_PATH } from '../oidc.config';
import { PAGE_HEADERS, pageLanguage } from '../pages/html';
import { consentPage, errorPage, expiredPage, loginPage, type AskingClient } from '../pages/interaction-pages';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/**
 * The provider's interaction pages: login (e-mail or NIK and password, through `login`'s rules)
 * and consent (the claims the agency app asks for). CSRF: each page and form lives under
 * /oidc/interaction/<uid>, and the provider accepts a submission only with the signed, SameSite
 * interaction cookie of that very uid — a random id only this browser's own interaction knows,
 * which a cross-site form can neither send (SameSite) nor guess; so no extra form token is needed.
 */
@Controller(`${OIDC_MOUNT_PATH.slice(1)}/interaction`)
export class OidcInteractionController {
  constructor(
    private readonly host: OidcProviderHost,
    private readonly clients: OidcClientReader,
    private readonly signIn: OidcSignIn,
    private readonly agencies: StaffQueries,
  ) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.within(req, res, uid, async (interaction, client, lang) => {
      if (interaction.prompt === 'login') return send(res, 200, loginPage(lang, action(uid, 'login'), action(uid, 'abort'), client, {}));
      if (interaction.prompt === 'consent')
        return send(res, 200, consentPage(lang, action(uid, 'confirm'), action(uid, 'abort'), client, interaction.missingScopes));
      send(res, 400, errorPage(lang, { error: 'invalid_request', description: `unsupported prompt ${interaction.prompt}` }));
    });
  }

  @Post(':uid/login')
  async login(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.within(req, res, uid, async (_interaction, client, lang) => {
      const form = { login: text(req.body?.login), password: text(req.body?.password) };
      const again = (status: number, key: string, params?: Record<string, number>) =>
        send(res, status, loginPage(lang, action(uid, 'login'), action(uid, 'abort'), client, { login: form.login, error: { key, params } }));
      let personId: string;
      try {
        personId = await this.signIn.signIn(form, clientAddress(req));
      } catch (e) {
        if (e instanceof InvalidCredentials) return again(401, e.reason);
        if (e instanceof OidcCitizensOnly) return again(403, e.reason);
        if (e instanceof LoginThrottled) {
          res.setHeader('retry-after', String(e.retryAfterSeconds));
          return again(429, e.reason, { minutes: Math.ceil(e.retryAfterSeconds / 60) });
        }
        throw e;
      }
      await (await this.host.provider()).finishLogin(req, res, uid, personId);
    });
  }

  @Post(':uid/confirm')
  async confirm(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.within(req, res, uid, async () => (await this.host.provider()).finishConsent(req, res, uid, list(req.body?.scope)));
  }

  @Post(':uid/abort')
  async abort(@Param('uid') uid: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.within(req, res, uid, async () => (await this.host.provider()).abort(req, res, uid));
  }

  /** Runs `fn` for this browser's interaction `uid`; a missing, expired or foreign one gets the expired page. */
  private async within(
    req: Request,
    res: Response,
    uid: string,
    fn: (i: InteractionView, client: AskingClient, lang: ReturnType<typeof pageLanguage>) => Promise<void>,
  ): Promise<void> {
    const provider = await this.host.provider();
    let interaction: InteractionView;
    try {
      interaction = await provider.interaction(req, res, uid);
    } catch (e) {
      if (!(e instanceof InteractionExpired)) throw e;
      return send(res, 400, expiredPage(pageLanguage(undefined, req.headers['accept-language'])));
    }
    const lang = pageLanguage(interaction.uiLocales, req.headers['accept-language']);
    const client = await this.clients.active(interaction.clientId);
    if (!client) return send(res, 400, errorPage(lang, { error: 'invalid_client', description: 'the agency app is not (or no longer) registered' }));
    const agency = await this.agencies.agencyName(client.agencyId);
    try {
      await fn(interaction, { name: client.name, agency: agency?.[lang] ?? client.agencyId }, lang);
    } catch (e) {
      if (!(e instanceof InteractionExpired)) throw e;
      send(res, 400, expiredPage(lang));
    }
  }
}

function action(uid: string, step: 'login' | 'confirm' | 'abort'): string {
  return `${OIDC_MOUNT_PATH}/interaction/${encodeURIComponent(uid)}/${step}`;
}

function send(res: Response, status: number, html: string): void {
  res.status(status).set(PAGE_HEADERS).send(html);
}
