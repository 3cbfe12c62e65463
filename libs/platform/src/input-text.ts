import type { ApolloServerPlugin } from '@apollo/server';
import { firstTextProblem, textProblem } from '@serang/text';
import { Kind, visit, type DocumentNode } from 'graphql';
import { AppError } from './errors';

/**
 * The GraphQL boundary's check of every string a client sends, in variables and in the query text
 * alike: no NUL or other control characters (tab and line breaks excepted), no broken UTF-16.
 * Such input is BAD_USER_INPUT naming where it was, and reaches no resolver, log or database.
 */
export function inputTextPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const problem = firstTextProblem(request.variables ?? {});
          if (problem) throw new AppError('BAD_USER_INPUT', problem[1], {}, { [`variables.${problem[0]}`]: problem[1] });
          const literal = literalProblem(document);
          if (literal) throw new AppError('BAD_USER_INPUT', literal, {}, { query: literal });
        },
      };
    },
  };
}

function literalProblem(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    [Kind.STRING](node) {
      found ??= textProblem(node.value);
    },
  });
  return found;
}
