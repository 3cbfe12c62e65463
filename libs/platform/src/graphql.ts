import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { buildContext, tokenVerifierFor, type RequestContext } from './auth';
import type { PlatformConfig } from './config';
import type { FieldProblem, Message } from '@serang/domain';
import { AppError, asCallerError, hasMessage, translate, type Lang } from './errors';
import { inputTextPlugin } from './input-text';
import { absentNullArguments } from './null-as-absent';
import { metricsPlugin } from './metrics';

export interface SubgraphOptions {
  service: string;
  config: PlatformConfig;
  log: Logger;
}

/** The service's federation-2 subgraph (code first), with metrics and errors in the caller's language. */
export function subgraphModule(opts: SubgraphOptions): DynamicModule {
  // One verifier per process: it caches identity's JWKS.
  const verifier = tokenVerifierFor(opts.config);
  const debug = opts.config.DEBUG_ERRORS === 'true';
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    path: '/graphql',
    introspection: opts.config.GRAPHQL_INTROSPECTION === 'true',
    playground: false,
    context: ({ req }: { req: RequestContext['req'] }) => buildContext(req, verifier),
    // Federated tracing (ftv1) is for Apollo's hosted studio; traces here go through OpenTelemetry.
    plugins: [ApolloServerPluginInlineTraceDisabled(), metricsPlugin(opts.service), inputTextPlugin(), localizedErrors()],
    // Apollo adds stack traces whenever NODE_ENV is not `production`: only the explicit switch may.
    includeStacktraceInErrorResponses: debug,
    // Every null a client sends in arguments arrives as absent (null-as-absent.ts).
    transformSchema: absentNullArguments,
    formatError: (formatted, error) => formatError(formatted, error, opts.log, debug),
  });
}

interface I18n {
  key: string;
  params: Record<string, string | number>;
  fields?: Record<string, FieldProblem>;
}

/**
 * Maps every error to SPEC.md's codes; the message is translated when the response is sent. Runs
 * for every answer, also those that never reach the plugins' willSendResponse (a failed context):
 * so nothing internal is put into the answer here, not even for a later hook to take out.
 */
function formatError(formatted: GraphQLFormattedError, error: unknown, log: Logger, debug: boolean): GraphQLFormattedError {
  const original = asCallerError(error instanceof GraphQLError ? (error.originalError ?? error) : error);
  if (original instanceof AppError) {
    const i18n: I18n = { key: original.reason, params: original.params, fields: original.fields };
    const retryAfter = original.retryAfter !== undefined ? { retryAfter: original.retryAfter } : {};
    return {
      message: original.reason,
      path: formatted.path,
      extensions: { ...original.extensions, code: original.code, reason: original.reason, ...retryAfter, i18n },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST'].includes(code)) {
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', reason: `GRAPHQL.${code}` } };
  }
  if (['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS'].includes(code)) return formatted;
  // Anything else is ours to fix: the client gets a generic message, the log gets the details.
  log.error({ err: String((original as Error)?.stack ?? original), path: formatted.path }, 'unexpected error in a resolver');
  const i18n: I18n = { key: 'INTERNAL_SERVER_ERROR', params: {} };
  return {
    message: 'INTERNAL_SERVER_ERROR',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', i18n, ...(debug ? { stacktrace: formatted.extensions?.stacktrace } : {}) },
  };
}

function localizedErrors(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const lang: Lang = contextValue.lang ?? 'id';
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => {
            const ext = { ...(e.extensions ?? {}) } as Record<string, unknown>;
            const i18n = ext.i18n as I18n | undefined;
            delete ext.i18n;
            if (!i18n) return { ...e, extensions: ext };
            const fields = i18n.fields
              ? Object.fromEntries(Object.entries(i18n.fields).map(([f, k]) => [f, fieldMessage(k, lang, i18n.params)]))
              : undefined;
            return { ...e, message: translate(i18n.key, lang, i18n.params), extensions: { ...ext, ...(fields ? { fields } : {}) } };
          });
        },
      };
    },
  };
}

/** A field's problem in the caller's language; several problems of one field, one sentence after the other. */
function fieldMessage(problem: FieldProblem, lang: Lang, params: Record<string, string | number>): string {
  if (typeof problem === 'string') return translate(problem, lang, params);
  const list: readonly Message[] = Array.isArray(problem) ? problem : [problem as Message];
  return list.map((m) => translate(m.fallback && !hasMessage(m.key) ? m.fallback : m.key, lang, m.params ?? {})).join(' ');
}
