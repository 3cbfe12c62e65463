import type { ApolloServerPlugin } from '@apollo/server';
import { firstTextProblem, textProblem, type TextProblem } from '@serang/text';
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
          const problem = inputTextProblem(document, request.variables);
          if (problem) throw new AppError('BAD_USER_INPUT', problem.reason, {}, { [problem.field]: problem.reason });
        },
      };
    },
  };
}

/** The first string of an operation (its variables, then its literals) that no field may carry. */
export function inputTextProblem(
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): { field: string; reason: TextProblem } | undefined {
  const inVariables = firstTextProblem(variables ?? {});
  if (inVariables) return { field: `variables.${inVariables[0]}`, reason: inVariables[1] };
  const literal = literalProblem(document);
  return literal ? { field: 'query', reason: literal } : undefined;
}

function literalProblem(document: DocumentNode): TextProblem | undefined {
  let found: TextProblem | undefined;
  visit(document, {
    [Kind.STRING](node) {
      found ??= textProblem(node.value);
    },
  });
  return found;
}
