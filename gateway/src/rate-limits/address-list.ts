import { BlockList, isIP } from 'node:net';

/**
 * Parses `RATE_LIMIT_EXEMPT`: comma-separated addresses and CIDR ranges (`10.0.0.0/8`,
 * `2001:db8::/32`, `127.0.0.1`). Returns the problem with the first bad entry, for the config check.
 */
export function parseAddressList(spec: string): { list: BlockList } | { problem: string } {
  const list = new BlockList();
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefixText, extra] = raw.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      family === 0 ||
      extra !== undefined ||
      !Number.isInteger(prefix) ||
      prefix < 0 ||
      prefix > max ||
      (prefixText !== undefined && !/^\d+$/.test(prefixText))
    ) {
      return { problem: `"${raw}" is not an address or CIDR range (e.g. 10.0.0.0/8, 2001:db8::/32)` };
    }
    list.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { list };
}

export function isListed(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The key of a client address in the rate limits: an IPv4 address as it is, an IPv6 address by
 * its /64 (one subscriber's network: a client rotating through its own /64 is still one client).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) sits in the last 32 bits: beyond the /64 anyway.
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
