// The tail's filter: plain text matches user, reason, address, object, client name and
// command; /regex/ (or /regex/i) matches the same fields.
import { toDisplay } from '../../../domain/display.js';
import type { TailRow } from '../../../state/acl-log-slice.js';

// Each field raw and as shown (`ev\x1b[31m`): typing what is on screen must match too.
const fields = (r: TailRow) =>
  [
    r.username,
    r.reason,
    r.client.addr ?? '',
    r.object,
    r.client.name ?? '',
    r.client.cmd ?? '',
    r.node,
  ].flatMap((f) => [f, toDisplay(f)]);

export function filterTail(
  rows: readonly TailRow[],
  filter: string,
): { rows: readonly TailRow[]; error?: string } {
  const f = filter.trim();
  if (!f) return { rows };
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(f);
  if (slashed) {
    let re: RegExp;
    try {
      re = new RegExp(slashed[1] ?? '', slashed[2]?.includes('i') ? 'i' : '');
    } catch (err) {
      // No rows rather than all of them: an operator must not read the unfiltered list as matches.
      return { rows: [], error: `Not a valid regex: ${err instanceof Error ? err.message : String(err)}` };
    }
    return { rows: rows.filter((r) => fields(r).some((x) => re.test(x))) };
  }
  const lower = f.toLowerCase();
  return { rows: rows.filter((r) => fields(r).some((x) => x.toLowerCase().includes(lower))) };
}
