import { lookup as dnsLookup } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';
import { DossierError } from '../model/index.js';

/**
 * The SSRF guard. A URL a feed or a list hands us may point at the machine Dossier runs on, its
 * private network or a cloud metadata service; fetching it would leak what is there into the store.
 * Only public unicast addresses are fetched, unless a range is named with --allow-private.
 *
 * Every spelling is caught because nothing is matched as text: the WHATWG URL parser turns `127.1`,
 * `0x7f000001`, `2130706433` and `017700000001` into 127.0.0.1, ipaddr.js classifies the result, and
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that address.
 * Names are resolved once, every address checked, and the socket is opened to the address checked
 * (the connector below): a DNS answer that changes between check and connect (rebinding) is never used.
 */

export type Resolver = (host: string) => Promise<string[]>;

export interface GuardOptions {
  /** CIDR ranges that are fetched even though private ("127.0.0.0/8", "::1/128"). */
  allowPrivate?: readonly string[];
  /** DNS resolution (tests inject one to play a rebinding server). */
  resolve?: Resolver;
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parse `--allow-private` ranges; a bad one is a usage error naming it. */
export function parseRanges(ranges: readonly string[]): Cidr[] {
  return ranges.map((r) => {
    try {
      return r.includes('/') ? ipaddr.parseCIDR(r) : ([ipaddr.parse(r), ipaddr.parse(r).kind() === 'ipv4' ? 32 : 128] as Cidr);
    } catch {
      throw new DossierError('E_USAGE', `--allow-private takes an address range like 127.0.0.0/8, not "${r}"`);
    }
  });
}

/** The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), if it carries one. */
function embeddedV4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = a.parts;
  const range = a.range();
  const v4 = (hi: number, lo: number): ipaddr.IPv4 => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6052' || range === 'rfc6145') return v4(p[6]!, p[7]!);
  if (range === '6to4') return v4(p[1]!, p[2]!);
  // ::a.b.c.d, IPv4-compatible (deprecated, but a stack may still route it to the IPv4 address).
  if (p.slice(0, 6).every((x) => x === 0) && (p[6] !== 0 || p[7]! > 1)) return v4(p[6]!, p[7]!);
  return null;
}

/** Why an address may not be fetched ("loopback", "private" …), or null when it may. */
export function refusal(address: string, allowed: readonly Cidr[] = []): string | null {
  let a: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    a = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'not an IP address';
  }
  const inAllowed = (x: ipaddr.IPv4 | ipaddr.IPv6): boolean => allowed.some(([net, bits]) => net.kind() === x.kind() && x.match(net, bits));
  if (inAllowed(a)) return null;
  if (a.kind() === 'ipv6') {
    const v6 = a as ipaddr.IPv6;
    const inner = embeddedV4(v6);
    if (inner) return inAllowed(inner) ? null : inner.range() === 'unicast' ? null : `${inner.range()} (${inner.toString()} inside ${v6.range()} IPv6)`;
    // Teredo hides the client's IPv4 address; there is no reason a news site needs it.
    return v6.range() === 'unicast' ? null : v6.range();
  }
  return a.range() === 'unicast' ? null : a.range();
}

const systemResolve: Resolver = (host) =>
  new Promise((ok, fail) => dnsLookup(host, { all: true, verbatim: true }, (err, addrs) => (err ? fail(err) : ok(addrs.map((x) => x.address)))));

export class AddressGuard {
  private readonly allowed: Cidr[];
  private readonly resolve: Resolver;

  constructor(opts: GuardOptions = {}) {
    this.allowed = parseRanges(opts.allowPrivate ?? []);
    this.resolve = opts.resolve ?? systemResolve;
  }

  /** Refuse what is not http(s), and an address literal that is not public, before any socket. */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new DossierError('E_USAGE', 'not a URL', raw);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DossierError('E_FETCH_BLOCKED', `only http and https are fetched, not ${url.protocol}`, raw);
    if (url.username || url.password) throw new DossierError('E_FETCH_BLOCKED', 'URLs with credentials are not fetched', raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) this.checkAddress(host, raw);
    return url;
  }

  checkAddress(address: string, input: string): void {
    const why = refusal(address, this.allowed);
    if (why) throw new DossierError('E_FETCH_BLOCKED', `refused: ${address} is ${why} (lift with --allow-private RANGE)`, input);
  }

  /** The address to connect to: the host itself if it is one, else the first public address it resolves to (all must be public). */
  async pin(hostname: string): Promise<string> {
    const host = hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) {
      this.checkAddress(host, hostname);
      return host;
    }
    let addrs: string[];
    try {
      addrs = await this.resolve(host);
    } catch (e) {
      throw new DossierError('E_FETCH', `the name does not resolve (${(e as Error).message})`, hostname);
    }
    if (!addrs.length) throw new DossierError('E_FETCH', 'the name resolves to no address', hostname);
    // One private answer refuses the name: a round-robin that mixes in 127.0.0.1 is an attack, not a site.
    for (const a of addrs) this.checkAddress(a, hostname);
    return addrs[0]!;
  }

  /**
   * An undici connector that connects only to the address it checked: the name is resolved here, each
   * address judged, and the socket opened to that address (TLS still verifies the name).
   */
  connector(timeoutMs: number): buildConnector.connector {
    const base = buildConnector({ timeout: timeoutMs });
    return (opts, cb) => {
      this.pin(opts.hostname).then(
        (address) => {
          const isName = !ipaddr.isValid(opts.hostname.replace(/^\[|\]$/g, ''));
          base({ ...opts, hostname: address, ...(isName && opts.protocol === 'https:' ? { servername: opts.hostname } : {}) }, cb);
        },
        (err: Error) => cb(err, null),
      );
    };
  }
}
