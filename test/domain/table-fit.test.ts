// The one table fitter behind every headless table: no line past the width, whole when wide.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, toDisplay } from '../../src/domain/display.js';
import { fitTable } from '../../src/domain/table-fit.js';

const HEAD = ['NAME', 'STATUS', 'COMMANDS', 'RISKS'];
const ROWS = [
  ['admin', 'on', '+@all', '@all ~*'],
  ['app', 'on', `-@all ${Array.from({ length: 40 }, (_, i) => `+cmd${i}`).join(' ')}`, ''],
];
const whole = (rows: string[][]) => fitTable(HEAD, rows);

describe('fitTable', () => {
  it('without a width, or with room, is the whole table', () => {
    const lines = whole(ROWS);
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+COMMANDS\s+RISKS$/);
    expect(lines[2]).toContain('+cmd39');
    expect(fitTable(HEAD, ROWS, { width: 1000, sacrifice: ['COMMANDS'] })).toEqual(lines);
  });

  it('cuts the least useful column first, with …, and keeps the others whole', () => {
    const lines = fitTable(HEAD, ROWS, { width: 60, sacrifice: ['COMMANDS', 'STATUS'] });
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/^admin\s+on\s+\+@all\s+@all ~\*$/);
    expect(lines[2]).toMatch(/^app\s+on\s+-@all \+cmd0 .*…$/);
    expect(lines[0]).toMatch(/RISKS$/);
  });

  it('drops columns in that order when cutting is not enough; one column is cut to the width', () => {
    const lines = fitTable(HEAD, ROWS, { width: 20, sacrifice: ['COMMANDS', 'STATUS'] });
    expect(lines[0]).toBe('NAME   RISKS');
    const one = fitTable(['X'], [['a'.repeat(50)]], { width: 10 });
    expect(one[1]).toBe(`${'a'.repeat(9)}…`);
  });

  it('wide characters are measured by cells', () => {
    const lines = fitTable(['K', 'V'], [['键'.repeat(30), 'v']], { width: 20, sacrifice: ['K'] });
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  const cell = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => toDisplay(s));
  const table = fc.integer({ min: 1, max: 8 }).chain((n) =>
    fc.record({
      headers: fc.array(fc.stringMatching(/^[A-Z]{1,10}$/), { minLength: n, maxLength: n }),
      rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 6 }),
      width: fc.integer({ min: 1, max: 200 }),
    }),
  );

  it('property: no line is longer than the width', () => {
    fc.assert(
      fc.property(table, ({ headers, rows, width }) => {
        const lines = fitTable(headers, rows, { width, sacrifice: [...headers].reverse() });
        return lines.every((l) => displayWidth(l) <= width);
      }),
    );
  });

  it('property: as wide as the whole table or wider, it is the whole table', () => {
    fc.assert(
      fc.property(table, ({ headers, rows }) => {
        const all = fitTable(headers, rows);
        const need = Math.max(...all.map(displayWidth));
        return (
          JSON.stringify(fitTable(headers, rows, { width: need, sacrifice: headers })) === JSON.stringify(all)
        );
      }),
    );
  });
});
