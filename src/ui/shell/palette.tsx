// The : command palette: every key of the current pane and the global ones (the panes by name
// too), found by fuzzy matching, each with its key beside it; one that cannot run now is greyed
// with the reason. Enter runs the highlighted one by handing its key to the key handler (app.tsx),
// so it does exactly what the key does. Its text lives in the overlay state and is edited by
// the global key handler.
import { Box, Text } from 'ink';
import { TextView } from '../components/text-input.js';
import { useAppState } from '../app-context.js';
import { deniedBy } from '../keymap/denied.js';
import { keyLabel } from '../keymap/match.js';
import { aliasesOf, paletteMatches } from '../keymap/palette-entries.js';
import type { PaletteContext, PaletteEntry } from '../keymap/palette-entries.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';
import type { Actions } from '../../state/actions/index.js';
import type { AppState } from '../../state/app-state.js';

export function paletteContext(s: AppState): PaletteContext {
  const profile = s.session.profile;
  return {
    pane: s.ui.pane,
    readOnly: s.session.readOnly,
    connected: Boolean(s.connection?.nodes.some((n) => n.state === 'ready')),
    denied: deniedBy(profile === undefined ? undefined : s.profiles.tests[profile]?.access),
  };
}

/** What Enter would run: the highlighted match, kept inside the list. */
function picked(matches: readonly PaletteEntry[], selected: number | undefined): PaletteEntry | undefined {
  return matches[Math.max(0, Math.min(selected ?? 0, matches.length - 1))];
}

/**
 * Enter in the palette: closes it and returns the key to hand the key handler, or undefined
 * when there is nothing to run (no match; greyed: says why, does nothing).
 */
export function runPalette(s: AppState, actions: Actions): string | undefined {
  const o = s.ui.overlay;
  if (o?.kind !== 'palette') return undefined;
  const e = picked(paletteMatches(o.text, paletteContext(s)), o.selected);
  actions.ui.close();
  const name = o.text.trim().replace(/^:/, '');
  if (!e) {
    actions.ui.say(
      `Unknown command :${name}. Try :users, :log, :sort, :save, or : alone for the list`,
      'warning',
    );
    return undefined;
  }
  if (e.disabled) {
    const why = e.disabled === 'read-only' ? 'read-only (--read-only or the profile setting)' : e.disabled;
    actions.ui.say(`${e.binding.description}: not available, ${why}`, 'warning');
    return undefined;
  }
  return e.key;
}

/** ↑/↓ (PgUp/PgDn) in the palette move the highlight over the matches. */
export function movePalette(s: AppState, step: number): number {
  const o = s.ui.overlay;
  if (o?.kind !== 'palette') return 0;
  const n = paletteMatches(o.text, paletteContext(s)).length;
  return Math.max(0, Math.min((o.selected ?? 0) + step, n - 1));
}

function entryText(e: PaletteEntry): string {
  const names = aliasesOf(e.binding).map((a) => `:${a}`);
  return names.length ? `${names.join(' ')}  ${e.binding.description}` : e.binding.description;
}

export function Palette({ text, width, height }: { text: string; width: number; height: number }) {
  const theme = useTheme();
  const selectedRaw = useAppState((s) =>
    s.ui.overlay?.kind === 'palette' ? (s.ui.overlay.selected ?? 0) : 0,
  );
  // The whole state (a stable object between changes): the matches are derived from it here.
  const state = useAppState((s) => s);
  const matches = paletteMatches(text, paletteContext(state));
  const boxWidth = Math.min(width, 100);
  // Border (2), the input line and the count line: the rest lists, scrolled to the highlight.
  const rows = Math.max(3, height - 4);
  const selected = Math.max(0, Math.min(selectedRaw, matches.length - 1));
  const from = Math.max(0, Math.min(selected - Math.floor(rows / 2), matches.length - rows));
  const keyWidth = 7;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={boxWidth}>
      <Box>
        <Text {...tone(theme, 'accent')}>:</Text>
        <TextView value={text} focus />
      </Box>
      {matches.length === 0 ? <Text {...tone(theme, 'muted')}>no match</Text> : null}
      {matches.slice(from, from + rows).map((e, i) => {
        const on = from + i === selected;
        const key = keyLabel(e.key).padEnd(keyWidth);
        return (
          <Text
            key={e.binding.id}
            {...tone(theme, on ? 'selection' : e.disabled ? 'muted' : 'text')}
            dimColor={Boolean(e.disabled)}
            wrap="truncate"
          >
            {`${on ? '›' : ' '} ${key}${e.disabled ? `(${e.disabled}) ` : ''}${entryText(e)}`}
          </Text>
        );
      })}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {`${matches.length} found${matches.length > rows ? ` (${from + 1}-${Math.min(matches.length, from + rows)})` : ''} · ↑/↓ choose · Enter runs · Esc closes`}
      </Text>
    </Box>
  );
}
