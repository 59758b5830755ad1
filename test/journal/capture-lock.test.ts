// The capture's lock: one writer, a dead writer's lock taken over (by exactly one of the
// consoles racing for it), a live writer's lock never taken, a reused pid told apart.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureLock } from '../../src/journal/capture-lock.js';
import type { LockHolder } from '../../src/journal/capture-lock.js';
import { bootId, processStart, selfIdentity } from '../../src/journal/process-identity.js';
import { bundleScript, childEnv, run } from '../profiles/helpers.js';
import { until } from '../helpers/until.js';

let dir: string;
let lockPath: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-lock-'));
  lockPath = path.join(dir, 'node.jsonl.lock');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pid that named a process a moment ago and names none now. */
function deadPid(): number {
  const r = spawnSync('true');
  expect(r.pid).toBeGreaterThan(0);
  return r.pid;
}

const children: ChildProcess[] = [];
/** A live process that is not this one (a console's pid as another console sees it). */
async function liveProcess(): Promise<ChildProcess> {
  const c = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(c);
  await new Promise((r) => c.once('spawn', r));
  return c;
}
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

/** A lock file as a console would have written it. */
function writeLock(file: string, h: Partial<LockHolder>): void {
  const holder = { ...selfIdentity(), nonce: 'aaaaaaaaaaaaaaaaaaaaaaaa', since: '', ...h };
  fs.writeFileSync(file, JSON.stringify(holder));
}

const names = () => fs.readdirSync(dir).sort();

describe('captureLock', () => {
  it('one holder at a time; a released lock is taken by the next console without a word', () => {
    const a = captureLock(lockPath);
    const b = captureLock(lockPath);
    expect(a.acquire()).toEqual({ held: true });
    expect(a.acquire()).toEqual({ held: true });
    const no = b.acquire();
    expect(no.held).toBe(false);
    expect(no.holder).toMatchObject({ pid: process.pid, host: os.hostname() });
    expect(a.held()).toBe(true);
    expect(b.held()).toBe(false);
    b.release(); // not its lock: nothing happens
    expect(a.held()).toBe(true);
    a.release();
    expect(names()).toEqual([]);
    expect(b.acquire()).toEqual({ held: true });
    expect(a.acquire().held).toBe(false);
    expect(names()).toEqual(['node.jsonl.lock']);
    expect(fs.statSync(lockPath).mode & 0o777).toBe(0o600);
  });

  it('a dead holder’s lock is taken over and says whose it was', () => {
    const pid = deadPid();
    writeLock(lockPath, { pid, start: '1' });
    const a = captureLock(lockPath);
    const got = a.acquire();
    expect(got).toMatchObject({ held: true, tookOverFrom: { pid, why: 'it exited' } });
    expect(a.held()).toBe(true);
    // Only the lock is left, naming the new holder.
    expect(names()).toEqual(['node.jsonl.lock']);
    expect(JSON.parse(fs.readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('a live holder’s lock is never taken, running or stopped (SIGSTOP)', async () => {
    const c = await liveProcess();
    writeLock(lockPath, { pid: c.pid!, start: processStart(c.pid!) });
    const a = captureLock(lockPath);
    for (let i = 0; i < 200; i++) expect(a.acquire()).toMatchObject({ held: false, holder: { pid: c.pid } });
    c.kill('SIGSTOP');
    // Stopped (state T in /proc), not merely signalled.
    await until(
      () => /^\d+ \(.*\) T /.test(fs.readFileSync(`/proc/${c.pid}/stat`, 'utf8')),
      'the holder stopped',
    );
    for (let i = 0; i < 50; i++) expect(a.acquire().held).toBe(false);
    c.kill('SIGKILL');
    await new Promise((r) => c.once('exit', r));
    expect(a.acquire()).toMatchObject({ held: true, tookOverFrom: { pid: c.pid } });
  });

  it('a reused pid: the process that has it now started at another time, so the lock is stale', async () => {
    const c = await liveProcess();
    writeLock(lockPath, { pid: c.pid!, start: String(Number(processStart(c.pid!)) - 1) });
    expect(captureLock(lockPath).acquire()).toMatchObject({
      held: true,
      tookOverFrom: { pid: c.pid, why: 'it exited (its pid was reused)' },
    });
  });

  it('a lock from before the last boot is stale; one from another host is never taken', async () => {
    const c = await liveProcess();
    const start = processStart(c.pid!);
    expect(bootId()).toBeDefined();
    writeLock(lockPath, { pid: c.pid!, start, boot: '00000000-0000-0000-0000-000000000000' });
    expect(captureLock(lockPath).acquire()).toMatchObject({
      held: true,
      tookOverFrom: { why: 'the machine restarted since' },
    });
    fs.rmSync(lockPath);
    writeLock(lockPath, { pid: deadPid(), host: 'elsewhere.example' });
    expect(captureLock(lockPath).acquire()).toMatchObject({
      held: false,
      holder: { host: 'elsewhere.example' },
    });
  });

  it('an older version’s lock (the pid alone): live kept, dead taken', async () => {
    const c = await liveProcess();
    fs.writeFileSync(lockPath, String(c.pid));
    expect(captureLock(lockPath).acquire().held).toBe(false);
    const pid = deadPid();
    fs.writeFileSync(lockPath, String(pid));
    expect(captureLock(lockPath).acquire()).toMatchObject({ held: true, tookOverFrom: { pid } });
  });

  it('a lock file that names no one is left alone while its writer may still be writing it, then taken', () => {
    fs.writeFileSync(lockPath, '');
    const a = captureLock(lockPath);
    expect(a.acquire().held).toBe(false);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockPath, old, old);
    expect(a.acquire()).toMatchObject({ held: true, tookOverFrom: { why: 'its file names no one' } });
  });

  it('a chain of dead holders (one died while taking over) ends at the live one', () => {
    const [h, x] = [deadPid(), deadPid()];
    writeLock(lockPath, { pid: h, start: '1', nonce: '111111111111111111111111' });
    writeLock(`${lockPath}.next.111111111111111111111111`, {
      pid: x,
      start: '1',
      nonce: '222222222222222222222222',
    });
    const a = captureLock(lockPath);
    expect(a.acquire()).toMatchObject({ held: true, tookOverFrom: { pid: x } });
    expect(names()).toEqual(['node.jsonl.lock']);
    expect(captureLock(lockPath).acquire().held).toBe(false);
  });

  it('a console that judged the holder dead while another took over does not take it too', () => {
    const dead = deadPid();
    writeLock(lockPath, { pid: dead, start: '1' });
    const b = captureLock(lockPath);
    let bGot: boolean | undefined;
    // a's check of the dead holder is where b runs, all of its takeover: a then makes a
    // successor of a holder that is no longer on the chain, and must see that.
    const a = captureLock(lockPath, {
      liveness: (h) => {
        if (h.pid === dead && bGot === undefined) bGot = b.acquire().held;
        return { alive: h.pid !== dead };
      },
    });
    expect(a.acquire()).toMatchObject({ held: false, holder: { pid: process.pid } });
    expect(bGot).toBe(true);
    expect(b.held()).toBe(true);
    expect(a.held()).toBe(false);
    expect(names()).toEqual(['node.jsonl.lock']);
  });

  it('a writer whose lock file was removed under it no longer holds it', () => {
    const a = captureLock(lockPath);
    expect(a.acquire().held).toBe(true);
    fs.rmSync(lockPath);
    expect(a.held()).toBe(false);
    const b = captureLock(lockPath);
    expect(b.acquire().held).toBe(true);
    expect(a.acquire().held).toBe(false);
  });
});

// Several consoles find the same dead writer's lock at the same moment, in separate
// processes; each round has its own stale lock. Exactly one of them may win each round.
const RACER = `
import { captureLock } from '../../src/journal/capture-lock.js';
const [dir, rounds, t0, gap] = process.argv.slice(2).map((a, i) => (i ? Number(a) : a));
const locks = [];
const results = [];
for (let r = 0; r < rounds; r++) {
  while (Date.now() < t0 + r * gap); // every racer starts the round at the same instant
  const lock = captureLock(dir + '/r' + r + '.lock');
  locks.push(lock);
  const got = lock.acquire();
  results.push(got.held ? 'held' : String(got.holder?.pid));
}
// Alive until every racer is done: a winner that exited would be a dead holder again.
await new Promise((r) => setTimeout(r, t0 + rounds * gap + 1500 - Date.now()));
console.log(JSON.stringify({ pid: process.pid, results, held: locks.map((l) => l.held()) }));
`;

describe('survivors racing for a stale lock', () => {
  let tmp: string;
  let script: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-lock-race-'));
    script = await bundleScript(RACER, tmp);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('exactly one of four processes takes each of 40 stale locks; the others name it', async () => {
    const rounds = 40;
    const racers = 4;
    for (let r = 0; r < rounds; r++) writeLock(path.join(dir, `r${r}.lock`), { pid: deadPid(), start: '1' });
    const t0 = Date.now() + 2500;
    const out = await Promise.all(
      Array.from({ length: racers }, () =>
        run(process.execPath, [script, dir, String(rounds), String(t0), '40'], childEnv()),
      ),
    );
    const rs = out.map((o) => {
      expect(o, o.stderr).toMatchObject({ code: 0 });
      return JSON.parse(o.stdout) as { pid: number; results: string[]; held: boolean[] };
    });
    for (let r = 0; r < rounds; r++) {
      const winners = rs.filter((x) => x.results[r] === 'held');
      expect(winners, `round ${r}`).toHaveLength(1);
      const w = winners[0]!;
      for (const x of rs.filter((y) => y !== w)) expect(x.results[r], `round ${r}`).toBe(String(w.pid));
      expect(rs.map((x) => x.held[r])).toEqual(rs.map((x) => x === w));
      expect(JSON.parse(fs.readFileSync(path.join(dir, `r${r}.lock`), 'utf8'))).toMatchObject({ pid: w.pid });
    }
    // No successor links or half-made files are left behind.
    expect(names().filter((n) => !/^r\d+\.lock$/.test(n))).toEqual([]);
  }, 60_000);
});
