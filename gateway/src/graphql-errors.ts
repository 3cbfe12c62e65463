import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { translate, type Lang } from '@serang/platform';
import { GraphQLError, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { Logger } from 'pino';

/**
 * The caller's language for the whole handling of one request. Apollo formats some errors (a bad
 * request, a failed context) before any plugin sees the context: formatError reads it here.
 */
export const requestLanguage = new AsyncLocalStorage<Lang>();

/** SPEC.md's codes, and GraphQL's protocol codes that SPEC.md keeps: anything else is internal. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * The `extensions` a client may see. An allow-list, not a deny-list: a subgraph error also carries
 * `serviceName`, `stacktrace`, `exception` or the subgraph's raw `response` (its URL and body),
 * and whatever a library adds next must not leak by default. A new public extension goes here.
 */
const PUBLIC_EXTENSIONS = ['code', 'reason', 'fields', 'params', 'retryAfter', 'retryAfterSeconds'];

/** Apollo's and graphql-js's errors carry no reason: a stable one, by code (and by Apollo's words for BAD_REQUEST). */
function protocolReason(code: string, message: string): string | undefined {
  switch (code) {
    case 'GRAPHQL_PARSE_FAILED':
      return 'GRAPHQL.PARSE_FAILED';
    case 'GRAPHQL_VALIDATION_FAILED':
      return 'GRAPHQL.VALIDATION_FAILED';
    case 'BAD_USER_INPUT':
      return 'GRAPHQL.VARIABLES_INVALID';
    case 'BAD_REQUEST':
      if (message.startsWith('GET requests only support query operations')) return 'GATEWAY.MUTATION_NEEDS_POST';
      if (message.includes('Cross-Site Request Forgery')) return 'GATEWAY.CSRF_REFUSED';
      if (message.startsWith('Operation batching disabled')) return 'GATEWAY.BATCH_NOT_SUPPORTED';
      if (message.startsWith('POST body missing') || message.startsWith('GraphQL operations must contain a non-empty')) return 'GATEWAY.BODY_MISSING';
      if (message.includes("'accept' header")) return 'GATEWAY.NOT_ACCEPTABLE';
      if (message === 'provided sha does not match query') return 'GATEWAY.PERSISTED_QUERY_HASH_MISMATCH';
      return 'GATEWAY.BAD_REQUEST';
    default:
      // Persisted-query answers keep Apollo's exact message: clients match on it to send the query.
      return undefined;
  }
}

/**
 * The gateway's formatError, the last word on every error it answers: no stack trace, no internal
 * extension, no internal message (an INTERNAL_SERVER_ERROR, or any code outside SPEC.md's list,
 * becomes the generic message; the details go to the log). `debug` (DEBUG_ERRORS) keeps them all.
 */
export function gatewayErrorFormatter(log: Logger, debug: boolean): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted) => {
    const lang = requestLanguage.getStore() ?? 'id';
    const ext = (formatted.extensions ?? {}) as Record<string, unknown>;
    // Apollo's one protocol error without a code: an automatic persisted query whose hash is not its query's.
    // (Apollo files it under INTERNAL_SERVER_ERROR, with a 400 status.)
    const code =
      formatted.message === 'provided sha does not match query' ? 'BAD_REQUEST' : typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
    if (code === 'INTERNAL_SERVER_ERROR' || !PUBLIC_CODES.has(code)) {
      // A subgraph's INTERNAL_SERVER_ERROR was logged there already; anything else was not.
      if (code !== 'INTERNAL_SERVER_ERROR' || !ext.serviceName)
        log.error(
          { code, message: formatted.message, path: formatted.path, stacktrace: ext.stacktrace },
          'internal error answered as INTERNAL_SERVER_ERROR',
        );
      const details = debug ? { originalMessage: formatted.message, ...ext, code: 'INTERNAL_SERVER_ERROR' } : {};
      return {
        message: translate('INTERNAL_SERVER_ERROR', lang),
        ...where,
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL_SERVER_ERROR', ...details },
      };
    }
    const extensions: Record<string, unknown> = debug
      ? { ...ext }
      : Object.fromEntries(PUBLIC_EXTENSIONS.filter((k) => ext[k] !== undefined).map((k) => [k, ext[k]]));
    extensions.code = code;
    let message = formatted.message;
    if (typeof ext.reason !== 'string') {
      const reason = protocolReason(code, formatted.message);
      if (reason) {
        extensions.reason = reason;
        message = translate(reason, lang, { detail: formatted.message });
      }
    }
    return { message, ...where, extensions };
  };
}

/**
 * Sets `Retry-After` (the longest wait any error names) when errors say TOO_MANY_REQUESTS with a
 * wait in seconds: the gateway's rate limits, and subgraphs whose pool or password hashing is
 * saturated (`retryAfter`) or whose login throttle locked an account (`retryAfterSeconds`). An
 * answer with no data whose every error is TOO_MANY_REQUESTS is a 429 as a whole.
 */
export function retryAfterPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          const waits = (errors ?? [])
            .filter((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')
            .map((e) => Number(e.extensions?.retryAfter ?? e.extensions?.retryAfterSeconds))
            .filter((s) => Number.isFinite(s) && s >= 0);
          if (waits.length === 0) return;
          response.http.headers.set('retry-after', String(Math.ceil(Math.max(...waits))));
          if ((data === null || data === undefined) && errors!.every((e) => e.extensions?.code === 'TOO_MANY_REQUESTS')) response.http.status = 429;
        },
      };
    },
  };
}

/**
 * graphql-js 16 does not check that the schema has the operation's root type (graphql 17 does,
 * KnownOperationTypesRule): a `subscription` would reach the gateway's planner and fail there as
 * an INTERNAL_SERVER_ERROR. Refused here as the validation error it is.
 */
export const knownOperationTypes: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      // graphql 17's own words; formatError puts them into the caller's language like every validation error.
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }));
    }
  },
});
