/**
 * Server-side request forgery rules of a webhook URL (pure; the address check runs again on every
 * resolved address at send time). Outside the embedded default only https; never credentials in
 * the URL; never an address in loopback, link-local, private, shared or reserved ranges — unless
 * its host is on the platform's allow-list.
 */
export interface UrlPolicy {
  /** The embedded default (`npm start`, tests) may call plain http. */
  allowHttp: boolean;
  /** Host names (or IP literals) a platform admin allowed although they resolve privately. */
  allowedHosts: readonly string[];
}

/** IPv4 ranges no webhook may reach, as [first octets, prefix length]. */
const BLOCKED_V4: ReadonlyArray<[number[], number]> = [
  [[0], 8],
  [[10], 8],
  [[100, 64], 10],
  [[127], 8],
  [[169, 254], 16],
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 0, 2], 24],
  [[192, 168], 16],
  [[198, 18], 15],
  [[198, 51, 100], 24],
  [[203, 0, 113], 24],
  [[224], 4],
  [[240], 4],
];

/** The 32-bit value of a dotted IPv4 address, or null. */
export function ipv4Value(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return null;
  return parts.reduce((v, p) => v * 256 + Number(p), 0);
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 allowed), or null. */
export function ipv6Groups(address: string): number[] | null {
  if (!/^[0-9a-f:.]+$/i.test(address) || !address.includes(':')) return null;
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const value = ipv4Value(v4[1]);
    if (value === null) return null;
    text = `${text.slice(0, -v4[1].length)}${Math.floor(value / 65536).toString(16)}:${(value % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const given = head.length + rest.length;
  if ([...head, ...rest].some(Number.isNaN)) return null;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  return [...head, ...Array<number>(8 - given).fill(0), ...rest];
}

const inV4 = (value: number, [octets, prefix]: [number[], number]) => {
  const base = [...octets, 0, 0, 0].slice(0, 4).reduce((v, o) => v * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return Math.floor(value / size) === Math.floor(base / size);
};

/** Whether an IP address is one a webhook must never reach (IPv4-mapped and NAT64 IPv6 judged as their IPv4); not an address: true. */
export function isBlockedAddress(address: string): boolean {
  const v4 = ipv4Value(address);
  if (v4 !== null) return BLOCKED_V4.some((range) => inV4(v4, range));
  const g = ipv6Groups(address);
  if (!g) return true;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8) || (zeroUpTo(7) && g[7] === 1)) return true; // :: and ::1
  const embedded = g[6] * 65536 + g[7];
  if (zeroUpTo(5) && g[5] === 0xffff) return BLOCKED_V4.some((range) => inV4(embedded, range)); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && zeroUpTo(0)) return true; // NAT64 reaches IPv4 of any kind
  if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  return zeroUpTo(6); // deprecated IPv4-compatible ::a.b.c.d
}

/** 4 or 6 for an IP literal, 0 for a name. */
export function ipFamily(host: string): 0 | 4 | 6 {
  if (ipv4Value(host) !== null) return 4;
  return ipv6Groups(host) ? 6 : 0;
}

export function hostOf(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

export function isAllowedHost(host: string, policy: UrlPolicy): boolean {
  return policy.allowedHosts.includes(host.toLowerCase());
}

/** The problem with a URL as written (a field reason), or null. Names resolve later: see `isBlockedAddress`. */
export function urlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'WEBHOOK.URL_INVALID';
  }
  if (raw.length > 2000) return 'WEBHOOK.URL_INVALID';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) return 'WEBHOOK.URL_NOT_HTTPS';
  if (url.username || url.password) return 'WEBHOOK.URL_CREDENTIALS';
  if (url.hash) return 'WEBHOOK.URL_INVALID';
  const host = hostOf(url);
  if (isAllowedHost(host, policy)) return null;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return 'WEBHOOK.URL_PRIVATE';
  if (ipFamily(host) !== 0 && isBlockedAddress(host)) return 'WEBHOOK.URL_PRIVATE';
  return null;
}
