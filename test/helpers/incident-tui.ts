// Helpers of the Incident pane tests: pick a row of the incident view by what it says, read an
// incident.json as the console saved it, and check a frame fits the terminal it was drawn for.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident } from '../../src/domain/incident/types.js';
import type { Tui } from './tui.js';

/** The selected row of the incident view (drawn with a leading ›). */
const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

/** Moves the selection to the first row matching `re` (from the top), or fails saying what it saw. */
export async function selectRow(t: Tui, re: RegExp, max = 60): Promise<void> {
  t.press('list.top');
  await t.waitFor((f) => selectedLine(f) !== '', 'a row selected');
  for (let i = 0; i < max; i++) {
    const before = t.frame();
    if (re.test(selectedLine(before))) return;
    t.press('list.down');
    await t.waitFor((f) => f !== before, 'the selection moved');
  }
  throw new Error(`no row matches ${String(re)}; last frame:\n${t.frame()}`);
}

/** Every incident.json in this test's state directory (tuiPerTest's XDG_STATE_HOME). */
export function incidentsOf(): Incident[] {
  const dir = join(process.env.XDG_STATE_HOME ?? '', 'redis-warden', 'incidents');
  return readdirSync(dir).map(
    (id) => JSON.parse(readFileSync(join(dir, id, 'incident.json'), 'utf8')) as Incident,
  );
}

/** Lines wider than `columns` or more lines than `rows`: empty when the frame fits. */
export function overflow(frame: string, columns: number, rows: number): string[] {
  const lines = frame.split('\n');
  const wide = lines.filter((l) => [...l].length > columns).map((l) => `${[...l].length}: ${l}`);
  return lines.length > rows ? [...wide, `${lines.length} lines`] : wide;
}

/** The console logged in to `server` as `user`. */
export const loginAs = (
  server: { host: string; port: number },
  user: string,
  password: string,
  readOnly = false,
) => ({
  connection: { spec: { host: server.host, port: server.port, user }, password, readOnly },
});
