import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { languageOf, metricsPlugin, registerMessages, registry, systemClock, translate, TokenVerifier, type AuthUser, type Lang } from '@serang/platform';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { admitCaller, clientAddress } from './caller';
import type { GatewayConfig } from './gateway.config';
import { gatewayMessages } from './gateway.messages';
import { measureOperation } from './query-limits';
import { subgraphFetcher } from './subgraph-fetcher';
import { startRevocationFeed } from './revocation-feed';
import { RevokedSessions } from './revoked-sessions';
import { requestOrigin, uploadsProxy } from './uploads-proxy';

export const SUPERGRAPH_PATH = resolve(__dirname, '../supergraph.graphql');

interface GatewayContext {
  lang: Lang;
  user?: AuthUser;
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
 * verified before anything is planned, depth/alias/cost limits, errors in the caller's language.
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
  const app = express();
  const http: Server = createServer(app);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.GRAPHQL_INTROSPECTION === 'true',
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: http }), metricsPlugin('gateway'), limitsPlugin(config)],
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
  const uploads = uploadsProxy({ target: requestOrigin(supergraphSdl, overrides.request), verifier, revoked, clock: systemClock, trustProxyHops: config.TRUST_PROXY_HOPS, log });
  app.post('/uploads', uploads);
  app.get('/uploads/:id', uploads);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const lang = languageOf(req.headers['accept-language']);
        const headers: Record<string, string> = {};
        for (const h of FORWARDED) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        // Subgraphs (identity's login throttling) see the client's address, never the gateway's.
        headers['x-forwarded-for'] = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, config.TRUST_PROXY_HOPS);
        const admission = await admitCaller(headers.authorization, verifier, revoked, systemClock.now());
        if ('refused' in admission) {
          throw new GraphQLError(translate(admission.refused, lang), { extensions: { code: 'UNAUTHENTICATED', reason: admission.refused, http: { status: 401 } } });
        }
        return { lang, user: admission.user, headers };
      },
    }),
  );
  await new Promise<void>((r) => http.listen(config.PORT, config.HOST, r));
  const url = `http://${config.HOST}:${config.PORT}/graphql`;
  log.info({ url }, 'gateway ready');
  return {
    url,
    close: async () => {
      await server.stop();
      await gateway.stop().catch(() => undefined);
      await feed?.stop();
    },
  };
}

/** Rejects abusive operations before the gateway plans them. */
function limitsPlugin(config: GatewayConfig): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, schema, request }) {
          if (!operation) return;
          const shape = measureOperation(document, operation, schema, request.variables ?? {});
          const lang = contextValue.lang;
          const reject = (reason: string, params: Record<string, number>) => {
            throw new GraphQLError(translate(reason, lang, params), { extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } } });
          };
          if (shape.depth > config.MAX_QUERY_DEPTH) reject('GATEWAY.QUERY_TOO_DEEP', { depth: shape.depth, max: config.MAX_QUERY_DEPTH });
          if (shape.aliases > config.MAX_QUERY_ALIASES) reject('GATEWAY.TOO_MANY_ALIASES', { aliases: shape.aliases, max: config.MAX_QUERY_ALIASES });
          if (shape.cost > config.MAX_QUERY_COST) reject('GATEWAY.QUERY_TOO_COSTLY', { cost: shape.cost, max: config.MAX_QUERY_COST });
        },
      };
    },
  };
}
