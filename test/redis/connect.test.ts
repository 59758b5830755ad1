import { describe, expect, it } from 'vitest';
import { addressOf, mergeSpecs, parseUri } from '../../src/redis/connect.js';
import { parseClusterNodes } from '../../src/redis/parse/cluster-nodes.js';
import { parseInfo, serverFacts } from '../../src/redis/parse/info.js';

describe('parseUri', () => {
  it('reads redis:// with user, password and port', () => {
    expect(parseUri('redis://app:s3cr%40t@cache.internal:6380/0')).toEqual({
      spec: { host: 'cache.internal', port: 6380, user: 'app' },
      password: 's3cr@t',
    });
  });
  it('rediss:// turns TLS on and defaults the port', () => {
    expect(parseUri('rediss://h')).toEqual({ spec: { host: 'h', port: 6379, tls: { enabled: true } } });
  });
  it('IPv6 hosts lose their brackets', () => {
    expect(parseUri('redis://[::1]:7000').spec).toMatchObject({ host: '::1', port: 7000 });
  });
  it('rejects other schemes and garbage with a clear message', () => {
    expect(() => parseUri('http://x')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseUri('not a uri')).toThrow(/not a Redis URI/);
    expect(() => parseUri('redis://a:%ZZ@h')).toThrow(/bad %-escape/);
  });
});

describe('mergeSpecs', () => {
  it('later layers win field by field and TLS files imply TLS', () => {
    const m = mergeSpecs(
      { host: 'a', port: 1, user: 'u' },
      { port: 2, tls: { enabled: false, cacert: '/ca.crt' } },
    );
    expect(m).toEqual({ host: 'a', port: 2, user: 'u', tls: { enabled: true, cacert: '/ca.crt' } });
  });
  it('addressOf shows sockets and IPv6', () => {
    expect(addressOf({ socket: '/run/redis.sock' })).toBe('unix:/run/redis.sock');
    expect(addressOf({ host: '::1', port: 7 })).toBe('[::1]:7');
    expect(addressOf({})).toBe('127.0.0.1:6379');
  });
});

describe('parsers', () => {
  it('CLUSTER NODES', () => {
    const text = [
      'a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460',
      'b2 127.0.0.1:7003@17003,host.example slave a1 0 1700000000 1 connected',
      'c3 ::1:7001@17001 master,fail - 0 0 2 disconnected 5461-10922',
      'garbage',
    ].join('\n');
    const nodes = parseClusterNodes(text);
    expect(nodes.map((n) => [n.host, n.port, n.role, n.myself, n.failing])).toEqual([
      ['127.0.0.1', 7000, 'primary', true, false],
      ['127.0.0.1', 7003, 'replica', false, false],
      ['::1', 7001, 'primary', false, true],
    ]);
    expect(nodes[1]?.primaryId).toBe('a1');
  });
  it('INFO', () => {
    const facts = serverFacts(
      parseInfo(
        '# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nuptime_in_seconds:42\r\n\r\n# Replication\r\nrole:master\r\n',
      ),
    );
    expect(facts).toMatchObject({ version: '7.0.15', mode: 'standalone', role: 'master', uptimeSeconds: 42 });
  });
});
