// What the : palette offers, pure: every key binding that works in the current pane (its own,
// the list keys, the global ones, the panes by name), each with the key that runs it there and,
// when it cannot run now, why. Enter hands that key to the same handler a keypress reaches.
import type { PaneId } from '../../state/app-state.js';
import { paneNames } from '../panes/names.js';
import { isListPane, paneSpec } from '../panes/registry.js';
import { bindingsFor } from './bindings.js';
import type { Binding } from './bindings.js';
import { fuzzyRank } from './fuzzy.js';
import type { MatchText } from './fuzzy.js';
import { match } from './match.js';

export interface PaletteEntry {
  binding: Binding;
  /** The key (as in the table) that runs it in this pane. */
  key: string;
  /** Why it cannot run now (read-only, not connected, no permission); undefined when it can. */
  disabled?: string;
}

export interface PaletteContext {
  pane: PaneId;
  readOnly: boolean;
  connected: boolean;
  /** Why the console's user may not do it, where the console knows (the access report). */
  denied?: (b: Binding) => string | undefined;
}

// Opening the palette from the palette does nothing useful.
const LEFT_OUT = new Set(['app.palette']);

function needsConnection(b: Binding): boolean {
  if (b.needsConnection) return true;
  return b.scope !== 'global' && b.scope !== 'list' && Boolean(paneSpec(b.scope).needsConnection);
}

function whyNot(b: Binding, ctx: PaletteContext): string | undefined {
  if (b.dangerous && ctx.readOnly) return 'read-only';
  if (!ctx.connected && needsConnection(b)) return 'not connected';
  return ctx.denied?.(b);
}

// The pane's own keys first (what the operator came for), then the panes, the global keys, moving.
function group(b: Binding, pane: PaneId): number {
  if (b.scope === pane) return 0;
  if (aliasesOf(b).length) return 1;
  return b.scope === 'global' ? 2 : 3;
}

/** Every entry of the pane: its own keys, the panes, the global keys, the list keys; table order within. */
export function paletteEntries(ctx: PaletteContext): PaletteEntry[] {
  // Every binding as a keypress would find it: a key two bindings share runs the first, so
  // a binding is offered by a key that reaches it (the drift view's `s` is not the list's).
  const all = bindingsFor(ctx.pane, { readOnly: false, list: isListPane(ctx.pane) });
  const ordered = [...all].sort((a, b) => group(a, ctx.pane) - group(b, ctx.pane));
  return ordered.flatMap((b): PaletteEntry[] => {
    if (LEFT_OUT.has(b.id)) return [];
    const key = b.keys.find((k) => match(all, k)?.id === b.id);
    if (key === undefined) return [];
    const disabled = whyNot(b, ctx);
    return [disabled ? { binding: b, key, disabled } : { binding: b, key }];
  });
}

/** A pane binding's palette names (`pane.acl-log` -> log, acl-log). */
export function aliasesOf(b: Binding): readonly string[] {
  if (!b.id.startsWith('pane.') || b.id === 'pane.next' || b.id === 'pane.prev') return [];
  return paneNames(b.id.slice(5));
}

function textsOf(e: PaletteEntry): MatchText[] {
  const b = e.binding;
  return [
    ...aliasesOf(b).map((text): MatchText => ({ text, how: 'fuzzy' })),
    ...(b.short ? [{ text: b.short, how: 'fuzzy' as const }] : []),
    { text: b.id.slice(b.id.indexOf('.') + 1), how: 'fuzzy' },
    { text: b.description, how: 'words' },
    ...b.keys.map((text): MatchText => ({ text, how: 'exact' })),
  ];
}

/** The entries `query` finds, best first (src/ui/keymap/fuzzy.ts ranks them). */
export function paletteMatches(query: string, ctx: PaletteContext): PaletteEntry[] {
  const q = query.trim().replace(/^:/, '');
  const found = fuzzyRank(q, paletteEntries(ctx), textsOf);
  // A pane's name typed whole (:clients, :log) is that pane, before a key of the same word
  // (the ACL Log's `c`, "clients").
  const named = found.findIndex((e) => aliasesOf(e.binding).includes(q.toLowerCase()));
  return named > 0 ? [found[named]!, ...found.filter((_, i) => i !== named)] : found;
}
