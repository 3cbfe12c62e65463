import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

/** An RFC 3339 date-time (`2026-12-03T09:54:33Z`, `…+07:00`), or a calendar date (`2026-12-03`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value))
    throw new GraphQLError('DateTime must be an ISO 8601 date-time such as 2026-12-03T09:54:33+07:00');
  const date = new Date(value);
  // Parsed, and not silently rolled over (2026-02-31 is no date).
  if (Number.isNaN(date.getTime()) || (value.length === 10 && date.toISOString().slice(0, 10) !== value))
    throw new GraphQLError('DateTime is not a real date');
  return date;
}

/**
 * The `DateTime` scalar of every subgraph, in place of NestJS's, which turns any string into a
 * Date (an "Invalid Date" that PostgreSQL then refuses with an internal error): a value that is no
 * real date-time is the client's error (BAD_USER_INPUT), decided before any resolver runs.
 * A provider of PlatformModule: NestJS's federation factory takes scalars from @Scalar providers.
 */
@Scalar('DateTime', () => Date)
export class StrictDateTime implements CustomScalar<string | null, Date> {
  description = 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.';

  parseValue(value: unknown): Date {
    return parse(value);
  }

  serialize(value: unknown): string | null {
    return value instanceof Date ? value.toISOString() : null;
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parse(ast.value);
  }
}
