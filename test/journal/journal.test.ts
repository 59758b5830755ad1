import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import { modeOf, useTempXdg } from '../profiles/helpers.js';

const SECRET = 'hunter2secret';

describe('journal', () => {
  const xdg = useTempXdg();
  const stateDir = (): string => path.join(xdg.current().state, 'redis-warden');

  it('appends one parsable line per entry, 0600 in a 0700 directory, with ts and actor filled', () => {
    const journal = openJournal();
    expect(journal.path).toBe(path.join(stateDir(), 'journal.jsonl'));
    journal.append({ kind: 'note', action: 'hello' });
    journal.append({
      kind: 'mutation',
      action: 'acl.deluser',
      profile: 'prod',
      nodes: ['a:1', 'b:2'],
      outcome: 'ok',
    });
    expect(modeOf(journal.path)).toBe(0o600);
    expect(modeOf(stateDir())).toBe(0o700);
    const lines = fs.readFileSync(journal.path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const [first, second] = lines.slice(0, 2).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Number.isNaN(Date.parse(String(first?.ts)))).toBe(false);
    expect(typeof first?.actor).toBe('string');
    expect(first?.actor).not.toBe('');
    expect(second).toMatchObject({
      kind: 'mutation',
      action: 'acl.deluser',
      profile: 'prod',
      nodes: ['a:1', 'b:2'],
      outcome: 'ok',
    });
    expect(Object.keys(second ?? {})).toEqual([
      'ts',
      'kind',
      'actor',
      'profile',
      'nodes',
      'action',
      'outcome',
    ]);
  });

  it('never writes a secret found in args, known secrets, Buffers or error objects', () => {
    const journal = openJournal({ secrets: ['known-pw-123'] });
    journal.append({ kind: 'mutation', action: 'acl.setuser', args: `ACL SETUSER u on >${SECRET} ~* +@all` });
    journal.append({
      kind: 'mutation',
      action: 'acl.setuser',
      args: ['ACL', 'SETUSER', 'u', 'on', `>${SECRET}`],
    });
    journal.append({ kind: 'note', action: 'x', detail: { text: 'the password is known-pw-123 ok' } });
    journal.append({ kind: 'note', action: 'x', detail: Buffer.from(`AUTH ${SECRET}`) });
    const err = Object.assign(new Error(`ERR Error in ACL SETUSER modifier '<${SECRET}': no such password`), {
      command: { name: 'acl', args: ['SETUSER', 'u', `<${SECRET}`] },
    });
    journal.append({ kind: 'mutation', action: 'acl.setuser', outcome: 'error', detail: err });
    journal.addSecrets('typed-later-456');
    journal.append({ kind: 'note', action: 'x', detail: 'typed-later-456' }, ['extra-789']);
    journal.append({ kind: 'note', action: 'x', detail: 'extra-789' }, ['extra-789']);
    const text = fs.readFileSync(journal.path, 'utf8');
    for (const secret of [SECRET, 'known-pw-123', 'typed-later-456', 'extra-789'])
      expect(text).not.toContain(secret);
    expect(text).toContain('ACL SETUSER u on >');
    expect(journal.read()).toHaveLength(7);
  });

  it('returns the entry as written (redacted) and keeps kind/outcome intact', () => {
    const journal = openJournal({ secrets: ['ok'] });
    const written = journal.append({ kind: 'note', action: 'say ok', outcome: 'ok' });
    expect(written.kind).toBe('note');
    expect(written.outcome).toBe('ok');
    expect(written.action).not.toContain('ok');
  });

  it('writes C1 controls, bidi overrides and line separators escaped; they parse back the same', () => {
    const journal = openJournal();
    const user = 'bidi\u202eresu\u009b[2J\u2028x\x1b';
    journal.append({ kind: 'mutation', action: 'client.kill-user', args: ['CLIENT', 'KILL', 'USER', user] });
    const text = fs.readFileSync(journal.path, 'utf8');
    expect(text).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2028\x1b]/);
    expect(text).toContain('\\u202e');
    expect((JSON.parse(text.trim()) as { args: string[] }).args[3]).toBe(user);
  });

  it('rejects entries with an unknown kind or no action', () => {
    const journal = openJournal();
    expect(() => journal.append({ kind: 'bogus' as 'note', action: 'x' })).toThrow(/unknown journal kind/);
    expect(() => journal.append({ kind: 'note', action: '' })).toThrow(/needs an action/);
  });

  it('tightens an existing journal that others can read, and says so', () => {
    fs.mkdirSync(stateDir(), { recursive: true });
    const file = path.join(stateDir(), 'journal.jsonl');
    fs.writeFileSync(file, '');
    fs.chmodSync(file, 0o644);
    const journal = openJournal();
    journal.append({ kind: 'note', action: 'x' });
    expect(modeOf(file)).toBe(0o600);
    expect(journal.warnings.join('\n')).toMatch(/was mode 0644.*tightened to 0600/);
  });

  it('skips and counts a torn last line, and the next append is still readable', () => {
    const journal = openJournal();
    journal.append({ kind: 'note', action: 'one' });
    fs.appendFileSync(journal.path, '{"ts":"2024-01-01T00:00:00.000Z","kind":"no');
    expect(journal.read().map((e) => e.action)).toEqual(['one']);
    expect(journal.scan().skipped).toBe(1);
    journal.append({ kind: 'note', action: 'two' });
    expect(journal.scan()).toMatchObject({ skipped: 1, entries: [{ action: 'one' }, { action: 'two' }] });
  });

  it('filters by kind, profile, since and limit (newest kept, oldest first)', () => {
    const journal = openJournal();
    const at = (m: number): string => new Date(Date.UTC(2024, 0, 1, 0, m)).toISOString();
    journal.append({ ts: at(1), kind: 'note', action: 'n1', profile: 'a' });
    journal.append({ ts: at(2), kind: 'mutation', action: 'm1', profile: 'b' });
    journal.append({ ts: at(3), kind: 'note', action: 'n2', profile: 'b' });
    journal.append({ ts: at(4), kind: 'note', action: 'n3', profile: 'a' });
    const actions = (f: Parameters<typeof journal.read>[0]): string[] => journal.read(f).map((e) => e.action);
    expect(actions({ kind: 'note' })).toEqual(['n1', 'n2', 'n3']);
    expect(actions({ profile: 'b' })).toEqual(['m1', 'n2']);
    expect(actions({ since: new Date(at(3)) })).toEqual(['n2', 'n3']);
    expect(actions({ kind: 'note', limit: 2 })).toEqual(['n2', 'n3']);
    expect(actions({ limit: 10 })).toHaveLength(4);
    expect(actions({ limit: 0 })).toEqual([]);
  });

  it('reads an absent journal as empty', () => {
    expect(openJournal().scan()).toEqual({ entries: [], skipped: 0 });
  });

  it('recreates the state directory if it disappears between appends', () => {
    const journal = openJournal();
    fs.rmSync(stateDir(), { recursive: true });
    journal.append({ kind: 'note', action: 'after' });
    expect(journal.read()).toHaveLength(1);
    expect(modeOf(stateDir())).toBe(0o700);
  });

  it('two journal instances on one file interleave whole lines', () => {
    const a = openJournal();
    const b = openJournal();
    for (let i = 0; i < 50; i++) {
      a.append({ kind: 'note', action: `a${i}` });
      b.append({ kind: 'note', action: `b${i}` });
    }
    const { entries, skipped } = a.scan();
    expect(skipped).toBe(0);
    expect(entries).toHaveLength(100);
  });

  it('accepts a custom dir and file', () => {
    const dir = path.join(xdg.current().root, 'custom');
    const journal = openJournal({ dir, file: 'incident.jsonl' });
    journal.append({ kind: 'incident', action: 'start' });
    expect(journal.path).toBe(path.join(dir, 'incident.jsonl'));
    expect(fs.existsSync(path.join(stateDir(), 'journal.jsonl'))).toBe(false);
  });
});
