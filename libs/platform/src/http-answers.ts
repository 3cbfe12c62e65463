import type { IncomingMessage } from 'node:http';
import { translate, type ErrorCode, type Lang } from './errors';

/** An error answered over plain HTTP (uploads), shaped like GraphQL's extensions. */
export interface HttpErrorBody {
  error: { code: ErrorCode; reason: string; message: string };
}

/** SPEC.md's code, the stable reason and the message in the caller's language. */
export function httpErrorBody(code: ErrorCode, reason: string, lang: Lang, params: Record<string, string | number> = {}): HttpErrorBody {
  return { error: { code, reason, message: translate(reason, lang, params) } };
}

/** After an early answer, what the client still sends is read and dropped up to here… */
const LINGER_BYTES = 1024 * 1024;
/** …or for this long; then the connection is closed. */
const LINGER_MS = 2_000;

/**
 * For an answer sent before the client finished sending its body (too large, wrong type, not
 * signed in). Closing at once would reset the connection, and many clients then report a network
 * error instead of the answer; reading on to the end would take in the whole oversized body. In
 * between: drop what still arrives, up to a bound, then hang up. Memory stays flat either way.
 */
export function lingerThenHangUp(req: IncomingMessage): void {
  if (req.complete) return;
  let dropped = 0;
  const hangUp = () => {
    clearTimeout(timer);
    req.socket.destroy();
  };
  const timer = setTimeout(hangUp, LINGER_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) hangUp();
  });
  req.on('end', () => clearTimeout(timer));
  req.resume();
}
