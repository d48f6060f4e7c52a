import { isIP } from 'node:net';

/** Express's named ranges (proxy-addr): 127.0.0.0/8 and ::1, 169.254/16 and fe80::/10, the private ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** What Express's `trust proxy` setting receives: nothing trusted, a hop count, or trusted addresses. */
export type TrustProxy = false | number | string[];

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY. Unset or "false": X-Forwarded-For is ignored and the client address is the
 * socket's, so nobody can pick their own address (issue 11: spoofed addresses reset login counters).
 * "true" is refused: it trusts the left-most X-Forwarded-For entry, which any client can write.
 */
export function parseTrustProxy(raw: string | undefined): { value: TrustProxy } | { problem: string } {
  if (raw === undefined || raw === 'false') return { value: false };
  if (/^\d{1,2}$/.test(raw)) return { value: Number(raw) };
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !isAddressOrCidr(entry));
  if (entries.length === 0 || bad.length > 0) {
    return { problem: `TRUST_PROXY: ${bad.length ? `"${bad.join('", "')}" is not` : 'must list'} an IP address, CIDR, loopback, linklocal or uniquelocal` };
  }
  return { value: entries };
}
