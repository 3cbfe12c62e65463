import { IntrinsicException } from '@nestjs/common';
import { PoolExhaustedError } from '@serang/db';
import { DomainError, type FieldProblem } from '@serang/domain';
import { StreamChangedError } from '@serang/eventstore';

/** SPEC.md's list of `extensions.code` values. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS' | 'INTERNAL_SERVER_ERROR';

export type Lang = 'id' | 'en';
export type Messages = Record<string, { id: string; en: string }>;

/**
 * An error a user may see: a stable reason (`APPLICATION.NOT_SUBMITTABLE`), the SPEC code, and a
 * message key looked up in the caller's language when the response is sent. An intrinsic exception
 * for NestJS: an expected answer to the caller, not a fault to log as an error.
 */
export class AppError extends IntrinsicException {
  constructor(
    readonly code: ErrorCode,
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
    /** Per-field problems: field path → message key (or literal text), with its values. */
    readonly fields?: Record<string, FieldProblem>,
  ) {
    super(reason);
    this.name = 'AppError';
  }

  /** Seconds a refused caller should wait (TOO_MANY_REQUESTS): `extensions.retryAfter`, and `Retry-After` at the gateway. */
  retryAfter?: number;
  /** More public `extensions` of the answer (a DomainError's own, e.g. `retryAfterSeconds`). */
  extensions?: Record<string, string | number>;
}

/**
 * The service cannot take this request now (its database connections or password hashing are all
 * busy): TOO_MANY_REQUESTS with a Retry-After; nothing was done, the same request may be sent again.
 */
export class ServiceBusy extends AppError {
  constructor(reason: 'SERVICE.BUSY' | 'AUTH.BUSY', retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', reason, { seconds: retryAfterSeconds });
    this.retryAfter = retryAfterSeconds;
  }
}

/**
 * What a caller sees of an error of a lower layer: a decider's refusal as its code and reason, a
 * stream that moved as CONFLICT, a saturated pool as "busy, come back later"; anything else is
 * ours to fix (INTERNAL_SERVER_ERROR) and passes through unchanged.
 */
export function asCallerError(error: unknown): unknown {
  if (error instanceof PoolExhaustedError) return new ServiceBusy('SERVICE.BUSY', error.retryAfterSeconds);
  if (error instanceof DomainError) {
    const answer = new AppError(error.code, error.reason, error.params, error.fields);
    answer.extensions = error.extensions;
    return answer;
  }
  if (error instanceof StreamChangedError) return new AppError('CONFLICT', 'CONFLICT');
  return error;
}

const STATUS_OF_CODE: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
};

/** The HTTP status of a SPEC code, for plain HTTP endpoints. */
export function httpStatusOf(code: ErrorCode): number {
  return STATUS_OF_CODE[code];
}

const platformMessages: Messages = {
  UNAUTHENTICATED: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  'AUTH.INVALID_TOKEN': { id: 'Token akses tidak sah atau kedaluwarsa.', en: 'The access token is invalid or has expired.' },
  FORBIDDEN: { id: 'Anda tidak berhak melakukan ini.', en: 'You are not allowed to do this.' },
  BAD_USER_INPUT: { id: 'Masukan tidak valid.', en: 'The input is not valid.' },
  NOT_FOUND: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  CONFLICT: { id: 'Data telah berubah; muat ulang dan coba lagi.', en: 'The data has changed; reload and try again.' },
  TOO_MANY_REQUESTS: { id: 'Terlalu banyak permintaan; coba lagi nanti.', en: 'Too many requests; try again later.' },
  'TEXT.CONTROL_CHARACTER': {
    id: 'Teks berisi karakter kontrol yang tidak diizinkan.',
    en: 'The text contains control characters that are not allowed.',
  },
  'TEXT.INVALID_UNICODE': { id: 'Teks berisi karakter Unicode yang rusak.', en: 'The text contains broken Unicode characters.' },
  'TEXT.BIDI_CONTROL': {
    id: 'Nama tidak boleh berisi karakter pengubah arah teks.',
    en: 'A name may not contain text-direction control characters.',
  },
  'TEXT.LINE_BREAK': { id: 'Nilai ini harus satu baris, tanpa tab.', en: 'This value must be one line, without tabs.' },
  'SERVICE.BUSY': { id: 'Layanan sedang sibuk; coba lagi dalam {seconds} detik.', en: 'The service is busy; try again in {seconds} s.' },
  'AUTH.BUSY': {
    id: 'Terlalu banyak permintaan masuk atau pendaftaran saat ini; coba lagi dalam {seconds} detik.',
    en: 'Too many sign-ins or registrations right now; try again in {seconds} s.',
  },
  INTERNAL_SERVER_ERROR: { id: 'Terjadi kesalahan pada server.', en: 'Something went wrong on the server.' },
};

/** Every service's message catalogue, merged into one registry at start-up. */
const catalogue: Messages = { ...platformMessages };

export function registerMessages(messages: Messages): void {
  Object.assign(catalogue, messages);
}

/** Whether some catalogue has this key. */
export function hasMessage(key: string): boolean {
  return key in catalogue;
}

export function translate(key: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const entry = catalogue[key];
  const text = entry ? entry[lang] : key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** `Accept-Language: en-US,en;q=0.9` → 'en'; Indonesian is the default. */
export function languageOf(header: string | string[] | undefined): Lang {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return 'id';
  const ranked = value
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag === 'id' || x.tag === 'en')
    .sort((a, b) => b.q - a.q);
  return (ranked[0]?.tag as Lang | undefined) ?? 'id';
}
