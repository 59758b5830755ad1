// Two processes appending to one journal at once (two consoles during one incident):
// every line must stay whole and each writer's entries must keep their order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/journal/journal.js';
import { bundleScript, childEnv, run, useTempXdg } from '../profiles/helpers.js';

const CHILD = `
import { openJournal } from '../../src/journal/journal.js';
const [who, count] = process.argv.slice(2);
const journal = openJournal();
const padding = 'x'.repeat(3000);
for (let i = 0; i < Number(count); i++) journal.append({ kind: 'note', action: who + ':' + i, detail: { padding } });
`;

describe('journal across processes', () => {
  const xdg = useTempXdg();
  let tmp: string;
  let script: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-journal-child-'));
    script = await bundleScript(CHILD, tmp);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('interleaves whole lines from two concurrent writers', async () => {
    const env = childEnv({ XDG_STATE_HOME: xdg.current().state });
    const count = 300;
    const results = await Promise.all(
      ['a', 'b'].map((who) => run(process.execPath, [script, who, String(count)], env)),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const { entries, skipped } = openJournal().scan();
    expect(skipped).toBe(0);
    expect(entries).toHaveLength(2 * count);
    for (const who of ['a', 'b']) {
      const seq = entries
        .filter((e) => e.action.startsWith(`${who}:`))
        .map((e) => Number(e.action.split(':')[1]));
      expect(seq).toEqual([...Array(count).keys()]);
    }
  });
});
