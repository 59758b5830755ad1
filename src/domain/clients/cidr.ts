// Addresses and networks for the Clients pane: where a client comes from and whether that
// place is one the profile expects (`expectedNetworks`). Pure; node:net only validates.
import net from 'node:net';

/** A parsed network: the address masked to its prefix. IPv4 as a 32-bit number, IPv6 as a BigInt. */
export type Network =
  | { family: 4; base: number; prefix: number; text: string }
  | { family: 6; base: bigint; prefix: number; text: string };

/** An IP address or a CIDR (`10.0.0.0/8`, `fd00::/8`); a bare address counts. */
export function isCidr(value: string): boolean {
  const [ip, prefix, extra] = value.split('/');
  if (extra !== undefined || ip === undefined) return false;
  const family = net.isIP(ip);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The host part of a CLIENT LIST `addr`/`laddr`: `10.0.0.1:5000` -> `10.0.0.1`,
 * `[::1]:5000` -> `::1`, `/tmp/r.sock:0` -> `/tmp/r.sock` (Redis prints the port after the
 * last colon, brackets IPv6).
 */
export function hostOf(addr: string): string {
  if (addr.startsWith('[')) {
    const close = addr.indexOf(']');
    if (close > 0) return addr.slice(1, close);
  }
  const colon = addr.lastIndexOf(':');
  return colon < 0 ? addr : addr.slice(0, colon);
}

// isIP() has already accepted the text, so the parsers below only convert.
function ipv4Value(ip: string): number {
  let value = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 0x2e) {
      value = value * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (c - 0x30);
  }
  return value * 256 + octet;
}

function ipv6Value(ip: string): bigint {
  const zone = ip.indexOf('%');
  const text = zone < 0 ? ip : ip.slice(0, zone);
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        // An IPv4 tail (`::ffff:10.0.0.1`) fills the last two groups.
        const v4 = ipv4Value(g);
        out.push(Math.floor(v4 / 0x10000), v4 % 0x10000);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const gap = text.indexOf('::');
  const head = groups(gap < 0 ? text : text.slice(0, gap));
  const tail = gap < 0 ? [] : groups(text.slice(gap + 2));
  const all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(g);
  return value;
}

const LOW32 = 0xffffffffn;
const ALL128 = (1n << 128n) - 1n;

const mask4 = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const mask6 = (prefix: number): bigint => (ALL128 >> BigInt(128 - prefix)) << BigInt(128 - prefix);

// An IPv4 host has only `v4`; an IPv6 host has `v6`, and also `v4` when it is IPv4-mapped
// (`::ffff:10.0.0.1`, how a dual-stack listener reports an IPv4 client), so it is in an IPv4
// network that holds that address as well as in the IPv6 networks that hold it.
interface Address {
  v4?: number;
  v6?: bigint;
}

function address(ip: string): Address | undefined {
  const family = net.isIP(ip);
  if (family === 4) return { v4: ipv4Value(ip) };
  if (family !== 6) return undefined;
  const v6 = ipv6Value(ip);
  return v6 >> 32n === 0xffffn ? { v6, v4: Number(v6 & LOW32) } : { v6 };
}

function parseNetwork(text: string): Network {
  if (!isCidr(text)) throw new Error(`not an IP address or CIDR network: ${JSON.stringify(text)}`);
  const slash = text.indexOf('/');
  const ip = slash < 0 ? text : text.slice(0, slash);
  const family = net.isIP(ip);
  const prefix = slash < 0 ? (family === 4 ? 32 : 128) : Number(text.slice(slash + 1));
  if (family === 4) return { family: 4, base: (ipv4Value(ip) & mask4(prefix)) >>> 0, prefix, text };
  const value = ipv6Value(ip);
  // `::ffff:10.0.0.0/104` is written for IPv4 clients; compare it as the IPv4 network it names.
  if (prefix >= 96 && value >> 32n === 0xffffn) {
    const p4 = prefix - 96;
    return { family: 4, base: (Number(value & LOW32) & mask4(p4)) >>> 0, prefix: p4, text };
  }
  return { family: 6, base: value & mask6(prefix), prefix, text };
}

/** Parses `expectedNetworks`-style entries; throws on the first invalid one, naming it. */
export function parseNetworks(nets: readonly string[]): Network[] {
  return nets.map(parseNetwork);
}

/**
 * Whether `host` (an IP, as hostOf() gives it) lies in one of `nets`; undefined when the host
 * is not an IP (a unix socket path), which no network can contain or exclude.
 */
export function inNetworks(host: string, nets: readonly Network[]): boolean | undefined {
  const a = address(host);
  if (a === undefined) return undefined;
  for (const n of nets) {
    if (n.family === 4) {
      if (a.v4 !== undefined && (a.v4 & mask4(n.prefix)) >>> 0 === n.base) return true;
    } else if (a.v6 !== undefined && (a.v6 & mask6(n.prefix)) === n.base) return true;
  }
  return false;
}
