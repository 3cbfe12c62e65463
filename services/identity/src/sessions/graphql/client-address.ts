import type { Request } from 'express';

/**
 * The client's IP for the login throttle: the first hop of X-Forwarded-For (the gateway or an
 * ingress sets it), else the socket's peer. Only proxies may reach identity directly: a client
 * that can send its own X-Forwarded-For chooses its own address.
 */
export function clientAddress(req: Request | undefined): string | undefined {
  const forwarded = req?.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req?.socket?.remoteAddress || undefined;
}
