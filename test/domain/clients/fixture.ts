// Clients for the domain tests: one built from overrides, and an arbitrary that mixes plain
// values with hostile ones (ESC, invalid bytes carried as U+DC80-U+DCFF, `*`, upper case).
import fc from 'fast-check';
import type { ClientInfo } from '../../../src/domain/clients/types.js';

export function client(over: Partial<ClientInfo> = {}): ClientInfo {
  return {
    node: '127.0.0.1:6379',
    id: '1',
    addr: '10.0.0.5:50000',
    laddr: '10.0.0.1:6379',
    fd: 8,
    name: '',
    age: 100,
    idle: 5,
    flags: 'N',
    db: 0,
    sub: 0,
    psub: 0,
    ssub: 0,
    multi: -1,
    qbuf: 0,
    qbufFree: 0,
    argvMem: 0,
    multiMem: 0,
    obl: 0,
    oll: 0,
    omem: 0,
    totMem: 20_000,
    events: 'r',
    cmd: 'get',
    user: 'app',
    redir: -1,
    resp: 2,
    libName: '',
    libVer: '',
    extra: {},
    ...over,
  };
}

const str = fc.oneof(
  fc.constantFrom('', 'app', 'App', 'admin', 'default', 'worker-1', 'x*y', '\x1b[2J', 'é', '\udcff'),
  fc.string({ unit: fc.constantFrom(...'abAB1-|*?\\'), maxLength: 6 }),
);
const addr = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('10.0.0.1', '10.1.2.3', '192.168.1.9', '::1', '::ffff:10.0.0.7', 'fd00::5'),
      fc.nat(65535),
    )
    .map(([h, p]) => (h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`)),
  fc.constant('/tmp/redis.sock:0'),
);

export const arbClient: fc.Arbitrary<ClientInfo> = fc
  .record({
    node: fc.constantFrom('n1:6379', 'n2:6379', 'n3:6379'),
    id: fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }).map(String),
    addr,
    name: str,
    user: str,
    cmd: fc.constantFrom(
      'get',
      'client|list',
      'config|set',
      'config|get',
      'flushall',
      'NULL',
      'eval',
      'acl|whoami',
    ),
    flags: fc.constantFrom('N', 'M', 'S', 'x', 'xb', 'P', 'U', 'Ob'),
    age: fc.nat(200_000),
    idle: fc.nat(10_000),
    db: fc.nat(15),
    omem: fc.nat(1 << 24),
    totMem: fc.nat(1 << 26),
    qbuf: fc.nat(1 << 20),
    libName: fc.constantFrom('', 'redis-py', 'ioredis'),
  })
  .map((r) => client(r));
