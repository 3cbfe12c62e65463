import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { inputTextProblem, translate, type Lang } from '@serang/platform';
import { GraphQLError, Kind } from 'graphql';
import type { GatewayConfig } from './gateway.config';
import { measureOperation } from './query-limits';
import { chargesOf } from './rate-limits/rate-limit.charges';
import type { RateLimiter } from './rate-limits/rate-limiter';

/** What the checks need from the gateway's context. */
export interface CheckedContext {
  lang: Lang;
  /** The client's address (clientAddress). */
  address: string;
  user?: { id: string };
}

/**
 * Checks a parsed, valid operation before the gateway plans it, in this order: that the request
 * names one operation of its document (else a client error, 400, not the planner's 500), that no
 * string it carries holds control characters or broken UTF-16, that its depth, aliases and cost
 * are within bounds, and that the caller is within its rate limits
 * (charged only for operations that would run).
 */
export function operationChecksPlugin(config: GatewayConfig, limiter: RateLimiter): ApolloServerPlugin<CheckedContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue, schema, request }) {
          const lang = contextValue.lang;
          if (!operation) {
            const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
            const reason = request.operationName && operations > 0 ? 'GATEWAY.OPERATION_NOT_FOUND' : 'GATEWAY.OPERATION_NAME_REQUIRED';
            const params = { name: String(request.operationName ?? '').slice(0, 100) };
            throw new GraphQLError(translate(reason, lang, params), {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', reason, http: { status: 400 } },
            });
          }
          const variables = request.variables ?? {};
          // No NUL, other control characters or broken UTF-16 in any string: refused here, never forwarded.
          const text = inputTextProblem(document, variables);
          if (text) {
            const fields = { [text.field]: translate(text.reason, lang) };
            throw new GraphQLError(translate(text.reason, lang), {
              extensions: { code: 'BAD_USER_INPUT', reason: text.reason, fields, http: { status: 400 } },
            });
          }
          const shape = measureOperation(document, operation, schema, variables);
          const reject = (reason: string, params: Record<string, number>) => {
            throw new GraphQLError(translate(reason, lang, params), {
              extensions: { code: 'BAD_USER_INPUT', reason, params, http: { status: 400 } },
            });
          };
          if (shape.depth > config.MAX_QUERY_DEPTH) reject('GATEWAY.QUERY_TOO_DEEP', { depth: shape.depth, max: config.MAX_QUERY_DEPTH });
          if (shape.aliases > config.MAX_QUERY_ALIASES) reject('GATEWAY.TOO_MANY_ALIASES', { aliases: shape.aliases, max: config.MAX_QUERY_ALIASES });
          if (shape.cost > config.MAX_QUERY_COST) reject('GATEWAY.QUERY_TOO_COSTLY', { cost: shape.cost, max: config.MAX_QUERY_COST });

          const caller = { address: contextValue.address, userId: contextValue.user?.id };
          const verdict = limiter.charge(caller.address, chargesOf(operation, document, schema, variables, caller, limiter));
          if (!verdict.allowed) {
            const seconds = verdict.retryAfterSeconds;
            throw new GraphQLError(translate('GATEWAY.RATE_LIMITED', lang, { seconds }), {
              extensions: {
                code: 'TOO_MANY_REQUESTS',
                reason: 'GATEWAY.RATE_LIMITED',
                retryAfter: seconds,
                http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
              },
            });
          }
        },
      };
    },
  };
}
