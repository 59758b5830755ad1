// Client addresses and expected networks: hostOf() for every address form Redis prints,
// parseNetworks() errors, and inNetworks() against a naive bit-by-bit model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostOf, inNetworks, isCidr, parseNetworks } from '../../../src/domain/clients/cidr.js';
import { isCidr as isCidrFromProfiles } from '../../../src/profiles/validate.js';

describe('isCidr', () => {
  it('accepts addresses and CIDRs of both families, and is the one profiles use', () => {
    for (const ok of [
      '10.0.0.0/8',
      '10.1.2.3',
      '::1',
      '::/0',
      'fe80::1/64',
      '0.0.0.0/0',
      '::ffff:10.0.0.0/104',
    ])
      expect(isCidr(ok)).toBe(true);
    for (const bad of [
      '10.0.0.0/',
      '10.0.0.0/33',
      'x/8',
      '10.0.0.0/-1',
      '::1/129',
      '',
      '10.0.0.0/8/8',
      '10.0.0.256',
    ])
      expect(isCidr(bad)).toBe(false);
    expect(isCidrFromProfiles).toBe(isCidr);
  });
});

describe('hostOf', () => {
  it('drops the port of IPv4, bracketed IPv6 and unix socket addresses', () => {
    expect(hostOf('10.0.0.1:5000')).toBe('10.0.0.1');
    expect(hostOf('[::1]:5000')).toBe('::1');
    expect(hostOf('[::ffff:10.0.0.1]:6379')).toBe('::ffff:10.0.0.1');
    expect(hostOf('/tmp/r.sock:0')).toBe('/tmp/r.sock');
    expect(hostOf('/tmp/a:b.sock:0')).toBe('/tmp/a:b.sock');
    expect(hostOf('')).toBe('');
    expect(hostOf('nohost')).toBe('nohost');
  });

  it('gives back the generated address for any IPv4/IPv6 address and port', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV6(), fc.nat(65535), (v4, v6, port) => {
        expect(hostOf(`${v4}:${port}`)).toBe(v4);
        expect(hostOf(`[${v6}]:${port}`)).toBe(v6);
      }),
    );
  });
});

describe('parseNetworks', () => {
  it('parses both families and bare addresses, and names an invalid entry', () => {
    expect(
      parseNetworks(['10.0.0.0/8', '10.1.2.3', 'fd00::/8', '::1']).map((n) => [n.family, n.prefix]),
    ).toEqual([
      [4, 8],
      [4, 32],
      [6, 8],
      [6, 128],
    ]);
    expect(() => parseNetworks(['10.0.0.0/8', '10.0.0.0/33'])).toThrow('"10.0.0.0/33"');
    expect(() => parseNetworks(['office'])).toThrow(/not an IP address or CIDR network: "office"/);
  });
});

describe('inNetworks', () => {
  const nets = parseNetworks(['10.0.0.0/8', '192.168.1.0/24', 'fd00::/8', '2001:db8::1']);

  it('matches IPv4, IPv6, bare addresses and IPv4-mapped IPv6', () => {
    expect(inNetworks('10.200.3.4', nets)).toBe(true);
    expect(inNetworks('11.0.0.1', nets)).toBe(false);
    expect(inNetworks('192.168.1.255', nets)).toBe(true);
    expect(inNetworks('192.168.2.1', nets)).toBe(false);
    expect(inNetworks('fd12:3456::1', nets)).toBe(true);
    expect(inNetworks('fe80::1', nets)).toBe(false);
    expect(inNetworks('2001:db8::1', nets)).toBe(true);
    expect(inNetworks('2001:db8::2', nets)).toBe(false);
    expect(inNetworks('::ffff:10.0.0.7', nets)).toBe(true);
    expect(inNetworks('::ffff:a00:7', nets)).toBe(true);
    expect(inNetworks('::ffff:11.0.0.7', nets)).toBe(false);
    expect(inNetworks('::1', nets)).toBe(false);
    expect(inNetworks('10.0.0.1', [])).toBe(false);
  });

  it('reads an IPv4-mapped network as the IPv4 network it names; /0 holds its whole family', () => {
    expect(inNetworks('10.9.9.9', parseNetworks(['::ffff:10.0.0.0/104']))).toBe(true);
    expect(inNetworks('11.9.9.9', parseNetworks(['::ffff:10.0.0.0/104']))).toBe(false);
    expect(inNetworks('1.2.3.4', parseNetworks(['0.0.0.0/0']))).toBe(true);
    expect(inNetworks('::1', parseNetworks(['0.0.0.0/0']))).toBe(false);
    expect(inNetworks('2001::1', parseNetworks(['::/0']))).toBe(true);
    // A mapped client is an IPv6 address too; a plain IPv4 one is not.
    expect(inNetworks('::ffff:1.2.3.4', parseNetworks(['::/0']))).toBe(true);
    expect(inNetworks('1.2.3.4', parseNetworks(['::/0']))).toBe(false);
  });

  it('is undefined for a host that is not an IP (a unix socket)', () => {
    expect(inNetworks('/tmp/redis.sock', nets)).toBeUndefined();
    expect(inNetworks('', nets)).toBeUndefined();
  });

  // The model: addresses as strings of bits, formatted to text here (never parsed back).
  const bits = (n: number) =>
    fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((b) => b.map(Number).join(''));
  const v4Text = (b: string) => [0, 8, 16, 24].map((i) => parseInt(b.slice(i, i + 8), 2)).join('.');
  const v6Groups = (b: string) =>
    Array.from({ length: 8 }, (_, i) => parseInt(b.slice(i * 16, i * 16 + 16), 2).toString(16));
  // Full form, or the first run of zero groups compressed to `::`.
  const v6Text = (b: string, compress: boolean) => {
    const g = v6Groups(b);
    const run = g.join(',').match(/(^|,)0(,0)+(,|$)/);
    if (!compress || !run) return g.join(':');
    const text = g.join(':');
    const zeros = run[0].replace(/^,|,$/g, '').replace(/,/g, ':');
    return text.replace(new RegExp(`(^|:)${zeros}(:|$)`), '::');
  };
  const family = fc.constantFrom(4, 6);
  const sample = family.chain((f) => {
    const width = f === 4 ? 32 : 128;
    return fc.record({
      f: fc.constant(f),
      net: bits(width),
      prefix: fc.integer({ min: 0, max: width }),
      host: bits(width),
      // Often the host shares the network's prefix, so that matches are tested as much as misses.
      share: fc.boolean(),
      compress: fc.boolean(),
      mapped: fc.boolean(),
    });
  });

  it('agrees with a bit-by-bit model', () => {
    fc.assert(
      fc.property(sample, ({ f, net, prefix, host: h, share, compress, mapped }) => {
        const host = share ? net.slice(0, prefix) + h.slice(prefix) : h;
        const netText = f === 4 ? v4Text(net) : v6Text(net, compress);
        const hostText =
          f === 4 ? (mapped ? `::ffff:${v4Text(host)}` : v4Text(host)) : v6Text(host, compress);
        const model = net.slice(0, prefix) === host.slice(0, prefix);
        expect(inNetworks(hostText, parseNetworks([`${netText}/${prefix}`]))).toBe(model);
        // A bare address is a /32 or /128: only itself.
        expect(inNetworks(hostText, parseNetworks([netText]))).toBe(net === host);
      }),
      { numRuns: 500 },
    );
  });
});
