import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LOGGER } from '@serang/platform';
import type { Application, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { OidcProviderHost } from '../infra/oidc-provider.host';
import { OIDC_MOUNT_PATH } from '../oidc.config';

/**
 * Mounts the provider (a Koa app) on identity's Express server under /oidc. It is mounted while
 * Nest creates its providers — before `app.init()` registers Nest's JSON and urlencoded body
 * parsers — so the provider reads its own request bodies from the untouched stream, as it must
 * (a consumed stream would leave it a pre-parsed body it only tolerates with a warning). A Nest
 * middleware (`configure(consumer)`) would run after those parsers, hence the HttpAdapterHost.
 * The interaction pages under /oidc/interaction are Nest routes and pass through to them, with
 * the body parser (their forms are ours to parse).
 */
@Injectable()
export class OidcProviderMount {
  constructor(adapterHost: HttpAdapterHost, host: OidcProviderHost, @Inject(LOGGER) log: Logger) {
    const app = adapterHost.httpAdapter?.getInstance<Application>();
    if (!app) throw new Error('single sign-on needs the HTTP server: no HTTP adapter is present');
    app.use(OIDC_MOUNT_PATH, (req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/interaction/')) return next();
      host.provider().then(
        (provider) => provider.callback(req, res),
        (e: unknown) => {
          log.error({ err: (e as Error).message }, 'single sign-on provider unavailable');
          next(e);
        },
      );
    });
  }
}
