// Raw terminal input -> one key per unit, with sequences no keyboard sends removed.
// Why: Ink hands a whole chunk ("abc\rdef" from a paste or SSH type-ahead) to every input
// handler as one string, so Enter inside it is lost; and a pasted colour code (ESC[31m)
// makes Ink's key parser throw and take the console down. Pure.

const ESC = '\x1b';
// Final bytes of the CSI sequences keyboards send: arrows, Home/End, F1-F4, Shift-Tab,
// ESC[n~ (PgUp, Delete, F5+, bracketed paste) and the kitty protocol's ESC[...u.
const KEY_FINALS = new Set('ABCDEFHPQRSZ~u');

type Scan = { unit?: string; next: number };

function scanCsi(s: string, start: number): Scan {
  let i = start + 2;
  if (s[i] === '[') i++; // legacy ESC[[A function keys
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x3f) {
      i++;
      continue;
    }
    if (c >= 0x40 && c <= 0x7e) {
      const unit = s.slice(start, i + 1);
      return KEY_FINALS.has(s[i]!) ? { unit, next: i + 1 } : { next: i + 1 };
    }
    // Not a CSI after all: drop the introducer, keep what follows as text.
    return { next: start + 2 };
  }
  // Cut off mid-sequence: pass it on; Ink keeps a pending escape until the rest arrives.
  return { unit: s.slice(start), next: s.length };
}

/** OSC, DCS, SOS, PM, APC: strings ended by BEL or ESC \ (or the end of the chunk). */
function skipString(s: string, start: number): number {
  for (let i = start + 2; i < s.length; i++) {
    if (s[i] === '\x07') return i + 1;
    if (s[i] === ESC && s[i + 1] === '\\') return i + 2;
  }
  return s.length;
}

export function keyUnits(chunk: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < chunk.length) {
    const ch = chunk[i]!;
    if (ch !== ESC) {
      const cp = chunk.codePointAt(i)!;
      const unit = String.fromCodePoint(cp);
      // C1 controls (8-bit CSI/OSC) are never typed; drop them.
      if (!(cp >= 0x80 && cp <= 0x9f)) out.push(unit);
      i += unit.length;
      continue;
    }
    const next = chunk[i + 1];
    if (next === undefined) {
      out.push(ESC);
      i++;
    } else if (next === '[') {
      const r = scanCsi(chunk, i);
      if (r.unit) out.push(r.unit);
      i = r.next;
    } else if (next === 'O' && i + 2 < chunk.length) {
      out.push(chunk.slice(i, i + 3));
      i += 3;
    } else if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
      i = skipString(chunk, i);
    } else if (next === ESC) {
      // ESC ESC [A is Meta+Up in some terminals; a doubled ESC alone is two Esc presses.
      out.push(ESC);
      i++;
    } else {
      const cp = chunk.codePointAt(i + 1)!;
      const len = cp > 0xffff ? 2 : 1;
      if (cp >= 0x20)
        out.push(chunk.slice(i, i + 1 + len)); // Alt+key
      else out.push(ESC);
      i += cp >= 0x20 ? 1 + len : 1;
    }
  }
  return out;
}
