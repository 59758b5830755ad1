// What the mutation path says after a lost reply, and which reads settle a user left unknown.
// No server: the write step hands back the outcome a lost reply gives (see users-unknown.test.tsx
// for the same against a real server behind the project's proxy).
import { describe, expect, it } from 'vitest';
import type { WriteOutcome } from '../../src/redis/command.js';
import { describeResult, runServerWrite } from '../../src/ops/mutation.js';
import type { MutationEnv, Reread } from '../../src/ops/mutation.js';
import { UnsureUsers } from '../../src/state/users-unsure.js';

const env: MutationEnv = { readOnly: false, journal: { append: () => undefined } };

const lost: WriteOutcome = {
  node: 'n1:6379',
  outcome: 'unknown',
  error: {
    name: 'DISCONNECTED',
    message: 'the connection closed before the reply came',
    cause: '',
    fix: [],
    retryable: true,
  },
};

const ok: WriteOutcome = { node: 'n2:6379', outcome: 'ok', reply: 'OK' };

async function said(outcomes: WriteOutcome[], reread?: Reread) {
  const r = await runServerWrite(
    env,
    { action: 'acl.setuser', summary: 'Disable user app', write: () => Promise.resolve(outcomes), reread },
    true,
  );
  return { r, text: describeResult(r) };
}

describe('after a lost reply, the message says what the re-read did', () => {
  it('re-read: says so', async () => {
    const { r, text } = await said([lost], () => true);
    expect(r.reread).toBe('done');
    expect(text).toMatch(/^Outcome unknown: Disable user app — n1:6379: .*\(the state was re-read\)$/);
  });

  it('could not re-read (link down, or the re-read threw): never "re-read"', async () => {
    for (const reread of [
      () => false,
      () => Promise.resolve(false),
      () => Promise.reject(new Error('down')),
    ]) {
      const { r, text } = await said([lost], reread);
      expect(r.reread).toBe('failed');
      expect(text).toContain('(not re-read yet)');
      expect(text).not.toContain('was re-read');
    }
  });

  it('no re-read step at all: says to check, not that it was re-read', async () => {
    const { r, text } = await said([lost]);
    expect(r.reread).toBeUndefined();
    expect(text).toContain('not re-read: check the state before trying again');
  });

  it('one node lost its reply, another answered: partly done, the unknown node named', async () => {
    const { text } = await said([ok, lost], () => false);
    expect(text).toMatch(
      /^Partly done \(1\/2\): .*n1:6379.*outcome unknown on some nodes: the reply was lost; not re-read yet/,
    );
  });

  it('the re-read is told each outcome, so the doubtful nodes can be marked first', async () => {
    let seen: string[] = [];
    await said([ok, lost], (results) => {
      seen = results.filter((x) => x.outcome === 'unknown').map((x) => x.target);
    });
    expect(seen).toEqual(['n1:6379']);
  });
});

describe('a user left unknown is settled only by a read after the change, of every node concerned', () => {
  it('a read that started before the change does not settle it', () => {
    const u = new UnsureUsers();
    const before = u.readStarts();
    u.mark('app', ['n1'], 'Disable user app');
    expect(u.settle(before, new Set(['n1']))).toEqual([]);
    expect(u.names()).toEqual(['app']);
    u.settle(u.readStarts(), new Set(['n1']));
    expect(u.names()).toEqual([]);
  });

  it('a read that missed a node where the outcome is unknown does not settle it', () => {
    const u = new UnsureUsers();
    u.mark('app', ['n1', 'n3'], 'Disable user app');
    expect(u.settle(u.readStarts(), new Set(['n1', 'n2']))).toEqual([]);
    expect(u.names()).toEqual(['app']);
  });

  it('says what a later read settled only when the re-read right after the change did not', () => {
    const u = new UnsureUsers();
    u.mark('app', ['n1'], 'Disable user app');
    u.mark('ops', ['n1'], 'Delete user ops');
    u.defer('ops');
    expect(u.settle(u.readStarts(), new Set(['n1']))).toEqual([{ name: 'ops', what: 'Delete user ops' }]);
    expect(u.names()).toEqual([]);
  });

  it('names are compared as strings (bytes): __proto__ and invalid bytes are users like any other', () => {
    const u = new UnsureUsers();
    u.mark('__proto__', ['n1'], 'x');
    u.mark('u\udcffbad', ['n1'], 'y');
    expect(u.names()).toEqual(['__proto__', 'u\udcffbad']);
  });
});
