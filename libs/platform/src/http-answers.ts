import type { IncomingMessage } from 'node:http';
import { translate, type ErrorCode, type Lang } from './errors';

/** One error as GraphQL answers it: the message in the caller's language, SPEC.md's code and a stable reason. */
export interface HttpError {
  message: string;
  extensions: { code: string; reason: string } & Record<string, unknown>;
}

/** GraphQL's answer shape, `{"errors":[…]}`, for failures that never reach GraphQL (bad JSON, too large…). */
export interface GraphQLErrorBody {
  errors: HttpError[];
}

/**
 * An error answered over plain HTTP (uploads): GraphQL's `errors` shape, so a client reads every
 * failure of the platform the same way, plus `error`, the shape these endpoints answered first.
 */
export interface HttpErrorBody extends GraphQLErrorBody {
  error: { code: ErrorCode; reason: string; message: string };
}

/**
 * `{"errors":[{message, extensions:{code, reason, …extra}}]}` with the message in the caller's
 * language. `code` is SPEC.md's, or one of GraphQL's protocol codes (BAD_REQUEST…) where SPEC.md
 * says those stay.
 */
export function graphQLErrorBody(
  code: string,
  reason: string,
  lang: Lang,
  params: Record<string, string | number> = {},
  extra: Record<string, unknown> = {},
): GraphQLErrorBody {
  return { errors: [{ message: translate(reason, lang, params), extensions: { code, reason, ...extra } }] };
}

/** SPEC.md's code, the stable reason and the message in the caller's language. */
export function httpErrorBody(code: ErrorCode, reason: string, lang: Lang, params: Record<string, string | number> = {}): HttpErrorBody {
  const message = translate(reason, lang, params);
  return { error: { code, reason, message }, errors: [{ message, extensions: { code, reason } }] };
}

/** After an early answer, a body the client declared is read and dropped up to this size… */
const DRAIN_DECLARED_BYTES = 32 * 1024 * 1024;
/** …a body of unknown length (chunked) up to this much… */
const DRAIN_UNKNOWN_BYTES = 4 * 1024 * 1024;
/** …as long as bytes keep coming (no gap longer than this)… */
const DRAIN_IDLE_MS = 2_000;
/** …and for at most this long; then the connection is closed. */
const DRAIN_MAX_MS = 30_000;

/**
 * For an answer sent before the client finished sending its body (too large, wrong type, not
 * signed in). Closing at once resets the connection while the client still sends, and a reset
 * can wipe the answer from the client's receive buffer before it is read: the client reports a
 * network error instead of the answer. Reading on without bound would let anyone make us read
 * forever. In between: drop what still arrives — the whole declared body when it is of a
 * reasonable size (the client then reads the answer once it has sent it), else a few MB — while
 * bytes keep coming, then hang up. Memory stays flat either way. A body declared far too large is
 * not waited for: its client, told at once, usually stops sending.
 */
export function lingerThenHangUp(req: IncomingMessage): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length']);
  const budget =
    Number.isSafeInteger(declared) && declared >= 0 ? (declared <= DRAIN_DECLARED_BYTES ? declared : DRAIN_UNKNOWN_BYTES) : DRAIN_UNKNOWN_BYTES;
  let dropped = 0;
  const hangUp = () => {
    clearTimeout(idle);
    clearTimeout(overall);
    req.socket.destroy();
  };
  let idle = setTimeout(hangUp, DRAIN_IDLE_MS);
  const overall = setTimeout(hangUp, DRAIN_MAX_MS);
  idle.unref();
  overall.unref();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > budget) return hangUp();
    clearTimeout(idle);
    idle = setTimeout(hangUp, DRAIN_IDLE_MS);
    idle.unref();
  });
  req.on('end', () => {
    clearTimeout(idle);
    clearTimeout(overall);
  });
  req.on('close', () => {
    clearTimeout(idle);
    clearTimeout(overall);
  });
  req.resume();
}
