// The tail's filter: plain text matches user, reason, address, object, client name and
// command; /regex/ (or text with regex characters that compiles) matches the same fields.
import type { TailRow } from '../../../state/acl-log-slice.js';

const fields = (r: TailRow) => [
  r.username,
  r.reason,
  r.client.addr ?? '',
  r.object,
  r.client.name ?? '',
  r.client.cmd ?? '',
  r.node,
];

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
      return { rows, error: `Not a valid regex: ${err instanceof Error ? err.message : String(err)}` };
    }
    return { rows: rows.filter((r) => fields(r).some((x) => re.test(x))) };
  }
  const lower = f.toLowerCase();
  return { rows: rows.filter((r) => fields(r).some((x) => x.toLowerCase().includes(lower))) };
}
