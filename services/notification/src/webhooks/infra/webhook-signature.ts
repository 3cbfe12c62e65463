import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks' signature headers: `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature` — `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under each secret's
 * base64 key (after `whsec_`), space-separated when a rotation overlaps.
 */
export function signatureHeaders(messageId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const signed = `${messageId}.${timestamp}.${body}`;
  const signatures = secrets.map(
    (s) =>
      `v1,${createHmac('sha256', Buffer.from(s.replace(/^whsec_/, ''), 'base64'))
        .update(signed)
        .digest('base64')}`,
  );
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
