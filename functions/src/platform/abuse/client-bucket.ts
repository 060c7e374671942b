import ipaddr from 'ipaddr.js';

/**
 * The unit a rate limit counts: an IPv4 address, or an IPv6 /64 network. One IPv6 subscriber
 * usually holds a whole /64 (often far more), so counting single IPv6 addresses would give each
 * client billions of fresh buckets. IPv4-mapped IPv6 addresses count as their IPv4 address.
 * Anything unparseable shares one bucket, so garbage cannot mint new ones.
 */
export function clientBucket(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return `4:${parsed.toString()}`;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `6:${parts.map((p) => p.toString(16)).join(':')}::/64`;
}
