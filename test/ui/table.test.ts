import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutWidths, windowStart } from '../../src/ui/components/table.js';

describe('windowed table', () => {
  it('keeps the selection in view, moving the window as little as possible', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(200),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 500 }),
        (prev, sel, h, n) => {
          const selected = Math.min(sel, n - 1);
          const s = windowStart(prev, selected, h, n);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(selected).toBeGreaterThanOrEqual(s);
          expect(selected).toBeLessThan(s + h);
        },
      ),
    );
  });
  it('flex columns share what is left', () => {
    expect(layoutWidths([{ width: 10 }, { width: 0 }, { width: 0 }], 80)).toEqual([10, 34, 34]);
  });
});
