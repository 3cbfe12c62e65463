import { AppError } from '@serang/platform';
import { InvalidPeriod } from '../domain/period.value';
import { PerformanceForbidden } from '../domain/performance-scope.policy';

/** The one mapping of analytics' domain errors to SPEC.md's codes; anything else passes through. */
export function asAppError(e: unknown): unknown {
  if (e instanceof PerformanceForbidden) return new AppError('FORBIDDEN', e.reason);
  if (e instanceof InvalidPeriod) return new AppError('BAD_USER_INPUT', e.reason, {}, { [`period.${e.field}`]: e.key });
  return e;
}
