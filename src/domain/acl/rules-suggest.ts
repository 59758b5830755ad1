// "Did you mean": the closest candidate by edit distance, counting a swap of two
// neighbours as one edit because that is the typo people make (`gte` for `get`).

export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

// One edit for names under 8 letters, two beyond: `+clinet` suggests `client`, while
// `+nosuch` must not suggest `touch`.
const allowedDistance = (name: string): number => (name.length < 8 ? 1 : 2);

export function closest(name: string, candidates: Iterable<string>): string | undefined {
  // Names past a few dozen characters are not typos of a command; skip the quadratic work.
  if (name.length > 64) return undefined;
  const limit = allowedDistance(name);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Redis compares names with strcasecmp: ASCII letters only, so `İ` or `K` stay as typed. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
