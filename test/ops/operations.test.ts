// Operations as data: plain JSON that round-trips, is refused on load when bad or unknown,
// is described with hostile names escaped, and never holds a secret.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS, ACTIONS, isActionId } from '../../src/domain/actions.js';
import type { ActionInfo } from '../../src/domain/actions.js';
import { sha256Hex } from '../../src/domain/acl/rules-text.js';
import { OperationError } from '../../src/ops/operations/check.js';
import { joinRules, splitRules } from '../../src/ops/operations/rules.js';
import { describeOperation, loadOperation, parseOperation } from '../../src/ops/operations/run.js';
import { OPERATIONS } from '../../src/ops/operations/table.js';
import type { Operation } from '../../src/ops/operations/table.js';
import { userOperations } from '../../src/ops/users.js';

const SAMPLES: Operation[] = [
  {
    id: 'acl.create-user',
    params: { user: 'app', rules: ['on', '~app:*', '+get', { secret: 0 }], password: 'generate' },
  },
  { id: 'acl.setuser', params: { change: 'rules', user: 'app', rules: ['-@all', '+ping'] } },
  { id: 'acl.setuser', params: { change: 'disable', user: 'u\udcffbad' } },
  { id: 'acl.setuser', params: { change: 'block', user: 'app' } },
  { id: 'acl.setuser', params: { change: 'enable', user: 'app' } },
  { id: 'acl.setuser', params: { change: 'add-password', user: 'app', password: 'generate' } },
  { id: 'acl.setuser', params: { change: 'drop-passwords', user: 'app', which: 'old' } },
  { id: 'acl.deluser', params: { user: 'legacy' } },
  { id: 'client.kill-user', params: { user: 'app' } },
  { id: 'client.kill', params: { clients: [{ node: '127.0.0.1:7000', id: '52', addr: '10.0.0.9:5123' }] } },
  { id: 'client.kill', params: { by: 'addr', clients: [{ node: 'n1', id: '7', addr: '10.0.0.1:5000' }] } },
  { id: 'acl.save', params: {} },
  { id: 'config.rewrite', params: {} },
  { id: 'acl.log-reset', params: {} },
  // The audit's fixes: on the one node a finding is about.
  { id: 'config.set', params: { node: '127.0.0.1:7000', name: 'protected-mode', value: 'yes' } },
  {
    id: 'tls.reload',
    params: {
      reloads: [
        {
          node: '127.0.0.1:7000',
          certFile: '/etc/redis/node-1.crt',
          keyFile: '/etc/redis/node-1.key',
          serial: '0A1B',
        },
      ],
    },
  },
  { id: 'acl.setuser', params: { change: 'rules', user: 'default', rules: ['off'], node: '127.0.0.1:7000' } },
  { id: 'acl.save', params: { node: '127.0.0.1:7000' } },
  { id: 'config.rewrite', params: { node: '127.0.0.1:7000' } },
  // The incident's containment levers.
  { id: 'client.kill-net', params: { cidr: '203.0.113.0/24' } },
  {
    id: 'client.kill-net',
    params: { node: 'n1', cidr: 'fd00::/8', clients: [{ node: 'n1', id: '9', addr: '[fd00::1]:5000' }] },
  },
  { id: 'replication.stop', params: { node: '127.0.0.1:7000' } },
  { id: 'module.unload', params: { node: '127.0.0.1:7000', name: 'system' } },
  {
    id: 'config.restore-persistence',
    params: { node: '127.0.0.1:7000', dir: '/var/lib/redis', dbfilename: 'dump.rdb' },
  },
];

const refused = (value: unknown) => {
  try {
    parseOperation(value);
  } catch (err) {
    expect(err).toBeInstanceOf(OperationError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(value)}`);
};

describe('the table of operations', () => {
  it('keys each spec by its own journal action id, from the one table', () => {
    for (const [id, spec] of Object.entries(OPERATIONS)) {
      expect(isActionId(id)).toBe(true);
      expect(spec.id).toBe(id);
    }
    // Every server write of the action table is an operation; profiles are local files, and a
    // record (an incident's evidence taken) changes nothing.
    const records = new Set(ACTION_IDS.filter((a) => (ACTIONS[a] as ActionInfo).record));
    expect(Object.keys(OPERATIONS).sort()).toEqual(
      ACTION_IDS.filter((a) => !a.startsWith('profile.') && !records.has(a)).sort(),
    );
  });
});

describe('an operation as JSON', () => {
  it('round-trips every kind, unchanged', () => {
    for (const op of SAMPLES) expect(loadOperation(JSON.stringify(op))).toEqual(op);
    expect(new Set(SAMPLES.map((o) => o.id))).toEqual(new Set(Object.keys(OPERATIONS)));
  });

  it('round-trips any valid operation, names of any bytes included (property)', () => {
    // Binary-safe names: full unicode, control characters, lone surrogates (invalid bytes).
    const name = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
          fc.constantFrom('\x1b', '\x00', '\u202e', '\x7f', '\r', '\udc80', '\udcff', '"', '\\'),
        ),
        { minLength: 1, maxLength: 8 },
      )
      .map((xs) => xs.join(''));
    const rule = fc.oneof(
      name.filter((s) => !/^[<>#!]/.test(s)),
      fc.nat(5).map((n) => ({ secret: n })),
    );
    const op: fc.Arbitrary<Operation> = fc.oneof(
      fc.record({
        id: fc.constant('acl.create-user' as const),
        params: fc.record({
          user: name,
          rules: fc.array(rule),
          password: fc.constantFrom('none' as const, 'generate' as const, 'given' as const),
        }),
      }),
      fc.record({
        id: fc.constant('acl.setuser' as const),
        params: fc.oneof(
          fc.record({
            change: fc.constant('rules' as const),
            user: name,
            rules: fc.array(rule, { minLength: 1 }),
          }),
          fc.record({
            change: fc.constantFrom('disable' as const, 'block' as const, 'enable' as const),
            user: name,
          }),
        ),
      }),
      fc.record({
        id: fc.constantFrom('acl.deluser' as const, 'client.kill-user' as const),
        params: fc.record({ user: name }),
      }),
      fc.record({
        id: fc.constant('client.kill' as const),
        params: fc.record({
          clients: fc.array(
            fc.record({ node: name, id: fc.bigInt({ min: 0n, max: 2n ** 63n }).map(String) }),
            { minLength: 1, maxLength: 4 },
          ),
        }),
      }),
    );
    fc.assert(
      fc.property(op, (o) => {
        expect(loadOperation(JSON.stringify(o))).toEqual(o);
      }),
    );
  });

  it('refuses a bad or unknown one with a message naming what is wrong', () => {
    expect(refused({ id: 'acl.flushall', params: {} })).toMatch(
      /operation\.id: "acl\.flushall" is not an operation/,
    );
    expect(refused({ id: 'profile.add', params: {} })).toMatch(/is not an operation/);
    expect(refused({ id: 'acl.deluser' })).toMatch(/operation\.params: expected an object/);
    expect(refused({ id: 'acl.deluser', params: { user: '' } })).toMatch(
      /operation\.params\.user: must not be empty/,
    );
    expect(refused({ id: 'acl.deluser', params: { user: 'a', users: ['b'] } })).toMatch(
      /operation\.params\.users: unknown field/,
    );
    expect(refused({ id: 'acl.deluser', params: { user: 'a' }, run: true })).toMatch(
      /operation\.run: unknown field/,
    );
    expect(refused({ id: 'acl.setuser', params: { change: 'flush', user: 'a' } })).toMatch(
      /operation\.params\.change: expected one of rules, disable/,
    );
    expect(refused({ id: 'client.kill', params: { clients: [{ node: 'n', id: '5; FLUSHALL' }] } })).toMatch(
      /operation\.params\.clients\[0\]\.id: does not match/,
    );
    expect(refused({ id: 'client.kill', params: { clients: [] } })).toMatch(/clients: must not be empty/);
    expect(refused([])).toMatch(/^operation: expected an object, got a list/);
    expect(() => loadOperation('{"id":')).toThrow(/^not JSON/);
  });

  it('refuses a password, or a password hash, saved in the rules', () => {
    const hash = sha256Hex('pw');
    for (const secret of ['>hunter2', '<hunter2', `#${hash}`, `!${hash}`]) {
      const message = refused({
        id: 'acl.setuser',
        params: { change: 'rules', user: 'a', rules: ['on', secret] },
      });
      expect(message).toMatch(
        /rules\[1\]: .*a password or its hash is a secret: it goes beside the operation/,
      );
      expect(message).not.toContain(secret.slice(1));
    }
  });
});

describe('what an operation shows', () => {
  it('escapes hostile names, never emits them', () => {
    const evil = 'x\x1b]52;c;SGVsbG8=\x07\u202e\udcff';
    const texts = [
      describeOperation({ id: 'acl.deluser', params: { user: evil } }),
      describeOperation({
        id: 'acl.setuser',
        params: { change: 'rules', user: evil, rules: [`~${evil}`, { secret: 0 }] },
      }),
      describeOperation({ id: 'client.kill', params: { clients: [{ node: evil, id: '1', addr: evil }] } }),
      describeOperation({ id: 'client.kill-user', params: { user: evil } }),
    ];
    for (const t of texts) {
      expect(t).toContain('x\\x1b]52;c;SGVsbG8=\\x07\\u202e\\xff');
      expect(t).not.toMatch(/[\x00-\x1f\x7f\u202e\udc80-\udcff]/);
    }
    expect(texts[1]).toContain('‹password›');
  });
});

describe('secrets stay beside the operation', () => {
  it('the JSON of every operation the pane and the commands build holds no secret', () => {
    const pw = 'S3cret-typed-pw';
    const hash = sha256Hex(pw);
    const built = [
      userOperations.setUser('app', ['on', `#${hash}`, '~k:*', `!${sha256Hex('old')}`], [pw]),
      userOperations.setUser('app', ['on', `>${pw}`]),
      userOperations.create('app', ['on', `#${hash}`, '+get'], { password: 'generated-pw', secrets: [pw] }),
      userOperations.addPassword('app', pw),
      userOperations.removePasswords('app', [hash]),
    ];
    for (const [op, beside] of built) {
      const json = JSON.stringify(op);
      for (const s of [pw, hash, 'generated-pw', sha256Hex('old'), sha256Hex('generated-pw')])
        expect(json).not.toContain(s);
      expect(parseOperation(JSON.parse(json))).toEqual(op);
      // Beside, in order: the rules sent are the rules given.
      if ('rules' in op.params)
        expect(joinRules(op.params.rules, beside.secretRules)).not.toContain(undefined);
    }
  });

  it('splits any rules into params with no password rule, and joins them back in order (property)', () => {
    const token = fc.oneof(
      fc.constantFrom('on', 'off', '~k:*', '+get', '-@all', 'nopass', 'resetpass', '&ch'),
      fc.string({ minLength: 1 }).map((s) => `>${s}`),
      fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `#${h}`),
      fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `!${h}`),
    );
    fc.assert(
      fc.property(fc.array(token), (args) => {
        const { rules, secretRules } = splitRules(args);
        expect(joinRules(rules, secretRules)).toEqual(args);
        for (const r of rules) if (typeof r === 'string') expect(r).not.toMatch(/^[<>#!]/);
        const op = { id: 'acl.create-user', params: { user: 'u', rules, password: 'none' } };
        expect(parseOperation(JSON.parse(JSON.stringify(op)))).toEqual(op);
      }),
    );
  });

  it('a password rule not given beside cannot run', () => {
    expect(() => joinRules(['on', { secret: 0 }])).toThrow(/password rule 1 is not given/);
  });
});
