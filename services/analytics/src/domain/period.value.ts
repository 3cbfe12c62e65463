import { DomainError } from '@serang/domain';

/** A reporting period: whole Asia/Jakarta days, both ends inclusive; an open end is unbounded. */
export interface Period {
  from?: string;
  to?: string;
}

/** A bad period; `field` names the input field, `key` the message. */
export class InvalidPeriod extends DomainError {
  readonly reason = 'PERIOD.INVALID';
  readonly code = 'BAD_USER_INPUT';
  override readonly fields: Record<string, string>;
  constructor(
    readonly field: 'from' | 'to',
    readonly key: 'PERIOD.NOT_A_DATE' | 'PERIOD.ENDS_BEFORE_START',
  ) {
    super(`period.${field}: ${key}`);
    this.fields = { [`period.${field}`]: key };
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `{ from, to }` as ISO dates (YYYY-MM-DD). Pure. */
export function periodFrom(input: { from?: string | null; to?: string | null } | null | undefined): Period {
  const from = input?.from ? date(input.from, 'from') : undefined;
  const to = input?.to ? date(input.to, 'to') : undefined;
  if (from && to && to < from) throw new InvalidPeriod('to', 'PERIOD.ENDS_BEFORE_START');
  return { from, to };
}

function date(text: string, field: 'from' | 'to'): string {
  const m = ISO_DATE.exec(text.trim());
  // Round-trips through a UTC date so that 2026-02-30 is refused rather than rolled into March.
  const ok = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === m[0];
  if (!ok) throw new InvalidPeriod(field, 'PERIOD.NOT_A_DATE');
  return m[0];
}
