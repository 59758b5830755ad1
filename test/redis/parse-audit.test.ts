// The audit's pure parsers (src/redis/parse/audit.ts), fed the RESP2 shapes 7.0.15, 7.4.1 and
// Valkey 8.0.1 send (read with callBuffer: Buffers). Secrets: dropped, measured, wiped.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROBED_COMMANDS, probeKey } from '../../src/domain/audit/types.js';
import {
  auditUsers,
  dryRunAnswer,
  isSecretSetting,
  maskHashes,
  parseModuleList,
  splitConfig,
} from '../../src/redis/parse/audit.js';

const b = (s: string) => Buffer.from(s);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('splitConfig', () => {
  it('drops every secret setting and keeps only whether requirepass / masterauth are set and how long', () => {
    const reply = [
      ['requirepass', 'short-pw'],
      ['masterauth', 'replica-pass-of-some-length'],
      ['tls-key-file-pass', 'k'],
      ['tls-client-key-file-pass', ''],
      ['protected-mode', 'yes'],
      ['dir', '/var/lib/redis'],
      ['masteruser', 'repl'],
    ].flatMap(([k, v]) => [b(k!), b(v!)]);
    const facts = splitConfig(reply);
    expect(facts.config).toEqual({ 'protected-mode': 'yes', dir: '/var/lib/redis', masteruser: 'repl' });
    expect(facts.requirepass).toEqual({ set: true, length: 8 });
    expect(facts.masterauth).toEqual({ set: true, length: 27 });
    // The reply's own buffers of the secrets are wiped once measured.
    expect(reply[1]).toEqual(Buffer.alloc(8));
    expect(reply[5]).toEqual(Buffer.alloc(1));
  });

  it('an empty value is not set; Valkey spells masterauth primaryauth too', () => {
    const facts = splitConfig([b('requirepass'), b(''), b('primaryauth'), b('pw')]);
    expect(facts.requirepass).toEqual({ set: false });
    expect(facts.masterauth).toEqual({ set: true, length: 2 });
    expect(splitConfig([]).masterauth).toEqual({ set: false });
  });

  it('counts characters, not bytes, without decoding the secret', () => {
    expect(splitConfig([b('requirepass'), b('pässwörd€')]).requirepass).toEqual({ set: true, length: 9 });
  });

  it('no secret value survives in what it returns (any setting named *pass*, masterauth, primaryauth)', () => {
    const name = fc.oneof(
      fc.constantFrom('requirepass', 'masterauth', 'primaryauth', 'tls-key-file-pass'),
      fc.string({ minLength: 1 }).map((s) => `x-${s}-pass`),
    );
    fc.assert(
      fc.property(name, fc.string({ minLength: 12, unit: 'binary' }), (setting, secret) => {
        const out = splitConfig([b('dir'), b('/data'), b(setting), b(secret)]);
        expect(isSecretSetting(setting)).toBe(true);
        expect(JSON.stringify(out)).not.toContain(JSON.stringify(secret).slice(1, -1));
        expect(Object.keys(out.config)).toEqual(['dir']);
      }),
    );
  });

  it('refuses a reply that is not a name/value array', () => {
    expect(() => splitConfig('OK')).toThrow(/name\/value/);
    expect(() => splitConfig([b('dir')])).toThrow(/name\/value/);
  });
});

describe('auditUsers', () => {
  it('keeps the hashes for the offline check and masks them in the rules shown as evidence', () => {
    const h1 = sha('password123');
    const h2 = sha('other');
    const [app, def] = auditUsers([
      `user app on #${h1} #${h2} ~app:* resetchannels -@all +get`,
      'user default on nopass sanitize-payload ~* &* +@all',
    ]);
    expect(app).toEqual({
      name: 'app',
      enabled: true,
      nopass: false,
      passwords: [h1, h2],
      rules: 'on #‹redacted› #‹redacted› ~app:* resetchannels -@all +get',
      keys: ['~app:*'],
      channels: [],
      commands: '-@all +get',
    });
    expect(def).toMatchObject({
      name: 'default',
      nopass: true,
      keys: ['~*'],
      channels: ['&*'],
      commands: '+@all',
    });
  });

  it('a line it cannot read fails the whole list, not silently one user fewer', () => {
    expect(() => auditUsers(['user ok on nopass', 'garbage'])).toThrow(/not an ACL LIST line/);
  });

  it('maskHashes leaves words that only look like hashes inside patterns alone', () => {
    const h = sha('x');
    expect(maskHashes(`user u on #${h} ~#${h}`)).toBe(`user u on #‹redacted› ~#${h}`);
  });
});

describe('dryRunAnswer', () => {
  it('OK is allowed; the denial is the server words (7.0 and 7.4 word it differently)', () => {
    expect(dryRunAnswer(b('OK'))).toBe('allowed');
    expect(dryRunAnswer(b("This user has no permissions to run the 'flushall' command"))).toEqual({
      denied: "This user has no permissions to run the 'flushall' command",
    });
    expect(dryRunAnswer(b("User carl has no permissions to run the 'flushall' command"))).toEqual({
      denied: "User carl has no permissions to run the 'flushall' command",
    });
  });
});

describe('parseModuleList', () => {
  it('reads name, version, path and args; an empty list is no modules', () => {
    expect(parseModuleList([])).toEqual([]);
    expect(
      parseModuleList([
        [b('name'), b('ReJSON'), b('ver'), 20609, b('path'), b('/opt/m/rejson.so'), b('args'), [b('a')]],
        [b('name'), b('old'), b('ver'), 1],
      ]),
    ).toEqual([
      { name: 'ReJSON', version: '20609', path: '/opt/m/rejson.so', args: ['a'] },
      { name: 'old', version: '1' },
    ]);
  });

  it('keeps a path that is not UTF-8 byte for byte', () => {
    const [m] = parseModuleList([[b('name'), b('m'), b('path'), Buffer.from([0x2f, 0xff, 0x2e])]]);
    expect(m?.path).toBe('/\udcff.');
  });

  it('refuses what is not a module list', () => {
    expect(() => parseModuleList('x')).toThrow(/MODULE LIST/);
    expect(() => parseModuleList([[b('ver'), 1]])).toThrow(/no name/);
  });
});

describe('probeKey', () => {
  it('names a container command with its subcommand, as ACL does', () => {
    expect(PROBED_COMMANDS.map((c) => probeKey(c))).toEqual([
      'FLUSHALL',
      'FLUSHDB',
      'CONFIG SET',
      'DEBUG',
      'MODULE LOAD',
      'SHUTDOWN',
      'REPLICAOF',
      'MIGRATE',
      'RESTORE',
      'KEYS',
      'EVAL',
      'MONITOR',
    ]);
  });
});
