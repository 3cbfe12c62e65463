import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import {
  languageOf,
  metricsPlugin,
  registerMessages,
  registry,
  systemClock,
  translate,
  TokenVerifier,
  type AuthUser,
  type Lang,
} from '@serang/platform';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { admitCaller, clientAddress } from './caller';
import type { GatewayConfig } from './gateway.config';
import { gatewayMessages } from './gateway.messages';
import { gatewayErrorFormatter, knownOperationTypes, retryAfterPlugin } from './graphql-errors';
import { graphqlHttpGuards } from './graphql-http.guards';
import { answerClientError, bodyIdleTimeout, holdContinue, lastErrorHandler, notFound } from './http-errors';
import { operationChecksPlugin } from './operation-checks.plugin';
import { parseAddressList } from './rate-limits/address-list';
import { fixedReplicas, heartbeatReplicas } from './rate-limits/live-replicas';
import { RateLimiter } from './rate-limits/rate-limiter';
import { subgraphFetcher } from './subgraph-fetcher';
import { startRevocationFeed } from './revocation-feed';
import { RevokedSessions } from './revoked-sessions';
import { analyticsOrigin, openDataProxy } from './open-data-proxy';
import { ikmReportProxy } from './ikm-report-proxy';
import { refuse as refuseUpload, requestOrigin, uploadsProxy } from './uploads-proxy';

export const SUPERGRAPH_PATH = resolve(__dirname, '../supergraph.graphql');

interface GatewayContext {
  lang: Lang;
  user?: AuthUser;
  /** The client's address (clientAddress), for the rate limits. */
  address: string;
  headers: Record<string, string>;
}

/** Headers the subgraphs need: the caller's token (they verify it too), language and trace. */
const FORWARDED = ['authorization', 'accept-language', 'traceparent', 'tracestate'];

export interface RunningGateway {
  url: string;
  close(): Promise<void>;
}

/**
 * The public GraphQL API: the committed supergraph (no composition at start-up), the access token
 * verified before anything is planned, size/depth/alias/cost limits, rate limits shared by the
 * replicas, and every answer — HTTP-level failures too — JSON in the caller's language.
 */
export async function startGateway(config: GatewayConfig, log: Logger): Promise<RunningGateway> {
  registerMessages(gatewayMessages);
  const overrides: Record<string, string | undefined> = {
    identity: config.SUBGRAPH_IDENTITY_URL,
    catalogue: config.SUBGRAPH_CATALOGUE_URL,
    request: config.SUBGRAPH_REQUEST_URL,
    notification: config.SUBGRAPH_NOTIFICATION_URL,
    analytics: config.SUBGRAPH_ANALYTICS_URL,
  };
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: overrides[name] ?? url,
        fetcher: subgraphFetcher,
        willSendRequest({ request, context }) {
          const headers: Record<string, string> = (context as Partial<GatewayContext>).headers ?? {};
          for (const [k, v] of Object.entries(headers)) request.http?.headers.set(k, v);
        },
      }),
  });
  const verifier = new TokenVerifier(config.IDENTITY_JWKS_URL, config.JWT_ISSUER, config.JWT_AUDIENCE);
  const revoked = new RevokedSessions();
  const feed = startRevocationFeed(config, revoked, systemClock, log);
  const replicas = config.DATABASE_URL ? await heartbeatReplicas(config.DATABASE_URL, log) : fixedReplicas(config.RATE_LIMIT_REPLICAS);
  const limiter = new RateLimiter(rateLimitSettings(config), replicas, () => systemClock.now().getTime());
  const debug = config.DEBUG_ERRORS === 'true';
  const app = express();
  app.disable('x-powered-by');
  // The server answers "Expect: 100-continue" itself: only a body a route would accept is asked for.
  const http: Server = createServer(app).on('checkContinue', holdContinue(app)).on('clientError', answerClientError);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.GRAPHQL_INTROSPECTION === 'true',
    // Apollo adds stack traces whenever NODE_ENV is not `production`: only DEBUG_ERRORS may.
    includeStacktraceInErrorResponses: debug,
    formatError: gatewayErrorFormatter(log, debug),
    validationRules: [knownOperationTypes],
    // main.ts stops the process within a deadline. Apollo's own SIGTERM handler would race it, and
    // a second stop() during Apollo's never returns (it waits on a barrier only a failure resolves).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http }),
      metricsPlugin('gateway'),
      operationChecksPlugin(config, limiter),
      retryAfterPlugin(),
    ],
  });
  await server.start();

  app.get('/health/live', (_req, res) => void res.json({ status: 'ok' }));
  // Not ready until the revocations of the last minutes are known: a fresh replica must not
  // accept a token that its siblings already reject.
  app.get('/health/ready', (_req, res) => {
    if (feed && !feed.caughtUp) res.status(503).json({ status: 'not ready', checks: { revocations: 'catching up' } });
    else res.json({ status: 'ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.send(await registry.metrics());
  });
  // Documents stream through to request (SPEC.md "Uploads"); no body parser touches them here.
  const uploads = uploadsProxy({
    target: requestOrigin(supergraphSdl, overrides.request),
    verifier,
    revoked,
    clock: systemClock,
    trustProxyHops: config.TRUST_PROXY_HOPS,
    maxFileBytes: config.UPLOAD_MAX_BYTES,
    log,
  });
  const idleMs = config.BODY_IDLE_TIMEOUT_SECONDS * 1000;
  const uploadStalled = bodyIdleTimeout(idleMs, (req, res) =>
    refuseUpload(req, res, 408, 'BAD_USER_INPUT', 'UPLOAD.STALLED', languageOf(req.headers['accept-language']), {
      seconds: config.BODY_IDLE_TIMEOUT_SECONDS,
    }),
  );
  app.post('/uploads', uploadStalled, uploads);
  app.get('/uploads/:id', uploads);
  // Open data (Satu Data): analytics' published files, public, on the gateway's origin.
  app.get('/open-data/:file', openDataProxy(analyticsOrigin(supergraphSdl, overrides.analytics)));
  // Agencies' semester IKM reports (CSV): signed in; analytics decides whose.
  app.get('/ikm-reports/:agency/:file', ikmReportProxy(analyticsOrigin(supergraphSdl, overrides.analytics), verifier, revoked));
  app.use(
    '/graphql',
    ...graphqlHttpGuards({ maxRequestBytes: config.MAX_REQUEST_BYTES, bodyIdleTimeoutMs: idleMs }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const lang = languageOf(req.headers['accept-language']);
        const headers: Record<string, string> = {};
        for (const h of FORWARDED) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        // Subgraphs (identity's login throttling) see the client's address, never the gateway's.
        const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, config.TRUST_PROXY_HOPS);
        headers['x-forwarded-for'] = address;
        const admission = await admitCaller(headers.authorization, verifier, revoked, systemClock.now());
        if ('refused' in admission) {
          throw new GraphQLError(translate(admission.refused, lang), {
            extensions: { code: 'UNAUTHENTICATED', reason: admission.refused, http: { status: 401 } },
          });
        }
        return { lang, user: admission.user, address, headers };
      },
    }),
  );
  // Whatever no route answered, and whatever failed on the way: JSON, never Express's HTML page.
  app.use(notFound);
  app.use(lastErrorHandler(log));
  await new Promise<void>((r) => http.listen(config.PORT, config.HOST, r));
  const url = `http://${config.HOST}:${config.PORT}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    close: async () => {
      await server.stop();
      await gateway.stop().catch(() => undefined);
      await feed?.stop();
      limiter.stop();
      await replicas.stop();
    },
  };
}

function rateLimitSettings(config: GatewayConfig): ConstructorParameters<typeof RateLimiter>[0] {
  const exempt = parseAddressList(config.RATE_LIMIT_EXEMPT);
  if ('problem' in exempt) throw new Error(`RATE_LIMIT_EXEMPT: ${exempt.problem}`); // the config check said so already
  return {
    exempt: exempt.list,
    perMinute: {
      'signin-address': config.RATE_LIMIT_SIGNIN_PER_ADDRESS,
      'signin-account': config.RATE_LIMIT_SIGNIN_PER_ACCOUNT,
      'register-address': config.RATE_LIMIT_REGISTER_PER_ADDRESS,
      'register-account': config.RATE_LIMIT_REGISTER_PER_ACCOUNT,
      'mutation-caller': config.RATE_LIMIT_MUTATIONS_PER_CALLER,
    },
  };
}
