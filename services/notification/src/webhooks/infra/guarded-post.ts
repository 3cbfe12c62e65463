import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, ipFamily, isAllowedHost, isBlockedAddress, urlProblem, type UrlPolicy } from '../domain/webhook-url';

export interface PostAnswer {
  status: number;
}

/** A URL refused at send time (a name now resolving to a private address): not the receiver's failure to answer. */
export class AddressRefused extends Error {}

/**
 * POSTs a webhook with the SSRF rules applied to the address actually connected to: the name is
 * resolved here, every address checked, and the socket connects to a checked one (no second
 * lookup a rebinding DNS server could answer differently). No redirects are followed.
 */
export function guardedPost(url: string, headers: Record<string, string>, body: string, policy: UrlPolicy, timeoutMs: number): Promise<PostAnswer> {
  const problem = urlProblem(url, policy);
  if (problem) return Promise.reject(new AddressRefused(problem));
  const target = new URL(url);
  const host = hostOf(target);
  const allowed = isAllowedHost(host, policy);
  if (ipFamily(host) !== 0 && !allowed && isBlockedAddress(host)) return Promise.reject(new AddressRefused('WEBHOOK.URL_PRIVATE'));
  const lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const refused = !allowed && addresses.some((a) => isBlockedAddress(a.address));
      if (refused || !addresses.length) return callback(new AddressRefused('WEBHOOK.URL_PRIVATE'), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'SerangTatu-Webhooks/1', 'content-length': Buffer.byteLength(body), ...headers },
        lookup,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The problem with where a URL's name resolves now (a field reason), or null: checked when a
 * subscription is made, and again on every send (`guardedPost`).
 */
export async function resolutionProblem(url: string, policy: UrlPolicy): Promise<string | null> {
  const host = hostOf(new URL(url));
  if (isAllowedHost(host, policy) || ipFamily(host) !== 0) return null;
  try {
    const addresses = await lookupAll(host);
    return addresses.some((a) => isBlockedAddress(a.address)) ? 'WEBHOOK.URL_PRIVATE' : null;
  } catch {
    return 'WEBHOOK.URL_UNRESOLVABLE';
  }
}

function lookupAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
}
