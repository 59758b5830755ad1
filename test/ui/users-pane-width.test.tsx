// The Users pane fits the terminal (issue 17): RISK gets its room before COMMANDS at 120
// columns, and at 80 the footer shows the most used keys first and says there are more.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/domain/display.js';
import { usersPaneFixture } from '../helpers/users-pane-fixture.js';

const { f: fx, usersPane } = usersPaneFixture();

describe('fitting the terminal (issue 17)', () => {
  // RISK wider than the 14 cells it used to be capped at: "nopass acl|setuser +2".
  const risky = async () => {
    await fx.admin.call('ACL', [
      'SETUSER',
      'riskier',
      'on',
      'nopass',
      '~app:*',
      '+get',
      '+config|set',
      '+flushall',
      '+acl|setuser',
    ]);
    return usersPane();
  };
  const lines = (f: string) => f.split('\n');

  it('at 120 columns RISK gets its room before COMMANDS; low grades are left to the detail', async () => {
    const t = await risky();
    t.resize(120, 30);
    const f = await t.waitFor(
      (f) => /riskier.*nopass acl\|setuser \+2/.test(f) && lines(f)[0]!.length > 100,
      'risk whole at 120',
    );
    for (const l of lines(f)) expect(displayWidth(l), l).toBeLessThanOrEqual(120);
    // The app user (+@read: KEYS, SORT_RO) is low: no flag in its row.
    // Its row ends with its client count: the RISK cell is empty.
    expect(
      lines(f)
        .find((l) => /^\W*app\s/.test(l))
        ?.trimEnd(),
    ).toMatch(/\s\d+$/);
    // At 120 the footer has room for the keys 80 columns leave out (x, d, t), the most used first.
    expect(lines(f).at(-1)).toMatch(/^Enter open .*x on\/off {2}d delete {2}t test {2}a passwords {2}w save/);
  });

  it('at 80 columns the footer shows the most used keys first and says there are more', async () => {
    const t = await risky();
    t.resize(80, 24);
    const f = await t.waitFor(
      (f) => lines(f).at(-1)!.includes('more') && /riskier/.test(f) && displayWidth(lines(f)[0]!) <= 80,
      'footer at 80',
    );
    for (const l of lines(f)) expect(displayWidth(l), l).toBeLessThanOrEqual(80);
    expect(f).toMatch(/RISK/);
    expect(lines(f).find((l) => l.includes('riskier'))).toMatch(/nopass/);
    const footer = lines(f).at(-1)!;
    expect(footer).toMatch(/^Enter open\s+n new\s+e edit/);
    expect(footer).toMatch(/… \? more$/);
  });
});
