/**
 * The client's address behind reverse proxies. `server.trustedProxies` (env TRUSTED_PROXIES,
 * comma-separated IPs / CIDRs / the keywords loopback, linklocal, uniquelocal; default none) names
 * the proxies whose `X-Forwarded-For` is believed. The client is the socket peer unless the peer is
 * a trusted proxy; then `X-Forwarded-For` is walked from the right, skipping trusted proxies, and
 * the first untrusted address is the client (the semantics of Express's `trust proxy` / proxy-addr).
 * A header sent by an untrusted peer is ignored, so it cannot be spoofed.
 *
 * Koa's own `server.proxy` trusts the left-most header entry from any peer: the rate limits of the
 * public routes use this module instead.
 */
import net from 'net';
import type { Core } from '@strapi/strapi';

export const TRUST_KEYWORDS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** A bare IP from a socket address or a header entry (IPv4-mapped IPv6 → IPv4, brackets, port and zone removed), or null. */
export function normaliseIp(raw: string | null | undefined): string | null {
  let s = String(raw ?? '').trim();
  if (!s) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1];
  const family = net.isIP(s);
  if (!family) return null;
  return family === 6 ? s.toLowerCase() : s;
}

export type TrustFn = (ip: string) => boolean;

/** Compiles the trusted-proxy list; throws (Chinese message) on an entry that is not an IP, a CIDR or a keyword. */
export function compileTrust(entries: readonly string[]): TrustFn {
  const list = new net.BlockList();
  let any = false;
  for (const raw of entries.flatMap((e) => TRUST_KEYWORDS[String(e).trim().toLowerCase()] ?? [String(e).trim()])) {
    if (!raw) continue;
    const [addr, bits, extra] = raw.split('/');
    const ip = normaliseIp(addr);
    const family = ip ? net.isIP(ip) : 0;
    const max = family === 4 ? 32 : 128;
    if (!ip || extra !== undefined || (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max))) {
      throw new Error(`TRUSTED_PROXIES 中的“${raw}”无效：应为 IP 地址、CIDR（如 10.0.0.0/8）或 loopback / linklocal / uniquelocal`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, Number(bits), type);
    any = true;
  }
  if (!any) return () => false;
  return (ip: string) => {
    const n = normaliseIp(ip);
    return n !== null && list.check(n, net.isIP(n) === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client address: the peer unless it is trusted; then X-Forwarded-For from the right, skipping
 * trusted proxies. An entry that is not an IP stops the walk at the proxy that passed it on.
 */
export function clientAddress(peer: string | null | undefined, forwardedFor: string | string[] | null | undefined, trusted: TrustFn): string {
  let current = normaliseIp(peer) ?? String(peer ?? 'unknown');
  if (!trusted(current)) return current;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : String(forwardedFor ?? '');
  const hops = header.split(',').map((h) => h.trim()).filter(Boolean).reverse();
  for (const hop of hops) {
    const ip = normaliseIp(hop);
    if (!ip) return current;
    current = ip;
    if (!trusted(ip)) return ip;
  }
  return current;
}

/** `server.trustedProxies` as a list (array, or a comma-separated string). */
export function trustedProxyList(strapi: Core.Strapi): string[] {
  const raw = strapi.config.get('server.trustedProxies') as unknown;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return list.map((e) => String(e).trim()).filter(Boolean);
}

const compiled = new WeakMap<object, { key: string; trust: TrustFn }>();

function trustOf(strapi: Core.Strapi): TrustFn {
  const list = trustedProxyList(strapi);
  const key = list.join(',');
  let c = compiled.get(strapi);
  if (!c || c.key !== key) {
    c = { key, trust: compileTrust(list) };
    compiled.set(strapi, c);
  }
  return c.trust;
}

/** Fails the boot with a Chinese message when TRUSTED_PROXIES holds an invalid entry. */
export function checkTrustedProxies(strapi: Core.Strapi): void {
  trustOf(strapi);
}

/** The client address of a Koa request. */
export function clientIp(strapi: Core.Strapi, ctx: any): string {
  const peer = ctx.req?.socket?.remoteAddress ?? ctx.request?.ip ?? ctx.ip;
  return clientAddress(peer, ctx.req?.headers?.['x-forwarded-for'], trustOf(strapi));
}

/**
 * Rate-limit key of an address: IPv4 as is; IPv6 by its /64 prefix (one subscriber usually gets a
 * whole /64, so per-address limits would be trivially bypassed).
 */
export function rateLimitKey(ip: string): string {
  const n = normaliseIp(ip);
  if (!n || net.isIP(n) !== 6) return n ?? ip;
  let s = n;
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    s = s.slice(0, v4.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}
