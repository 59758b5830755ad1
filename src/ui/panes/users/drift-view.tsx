// The drift view (D): every user x every node of a cluster, each cell same / differs / missing
// against the majority (domain/acl/per-node.ts), fitted to the screen with node columns
// abbreviated and scrolled; Enter on a cell shows that node's rules beside the majority's;
// s / S / F sync from the selected node or an ACL file (state/actions/users-sync.ts).
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { cellOf } from '../../../domain/acl/per-node.js';
import type { AclUnion, UnionUser } from '../../../domain/acl/per-node.js';
import { userToRules } from '../../../domain/acl/rules-user.js';
import { displayWidth, fitWidth, toDisplay } from '../../../domain/display.js';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { keyName, match } from '../../keymap/match.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { DRIFT_BINDINGS } from './drift-bindings.js';
import { PathPrompt, reportHeight, SyncResults, syncHints } from './drift-sync.js';
import { openUsersOverlay } from './open-overlay.js';
import { maskHashes } from './user-detail.js';

/** Where a sync returns after its confirmation: this view. */
const BACK = openUsersOverlay('acl-drift', {});

const NAME = 14;
const COL = 9;
const CELL = { same: 'same', differs: 'DIFFERS', missing: 'missing', unknown: '?' } as const;

/** `10.0.0.3:6379` -> `:6379` when every node shares the host, else its last cells. */
export function nodeLabels(nodes: readonly string[]): string[] {
  const host = (n: string) => n.slice(0, n.lastIndexOf(':'));
  const oneHost = nodes.every((n) => host(n) === host(nodes[0] ?? ''));
  return nodes.map((n) => {
    const s = oneHost ? n.slice(n.lastIndexOf(':')) : n;
    return s.length < COL ? s : `…${s.slice(-(COL - 2))}`;
  });
}

/** Cut to `n - 1` cells and padded to `n`: one cell of space between columns. */
const pad = (s: string, n: number) => {
  const f = fitWidth(s, n - 1);
  return f + ' '.repeat(Math.max(0, n - displayWidth(f)));
};

// Drifted users first: they are what the view is opened for.
const ordered = (u: AclUnion): UnionUser[] => [
  ...u.users.filter((x) => x.differs),
  ...u.users.filter((x) => !x.differs),
];

const rulesOf = (u: UnionUser, node: string): string | undefined => {
  const v = u.variants.find((x) => x.nodes.includes(node));
  return v ? toDisplay(maskHashes(userToRules(v.user).join(' '))) : undefined;
};

export function DriftView({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const union = useAppState((s) => s.users.union);
  const headline = useAppState((s) => s.users.driftHeadline);
  const report = useAppState((s) => s.users.sync);
  const readOnly = useAppState((s) => s.session.readOnly);
  const [pos, setPosState] = useState({ row: 0, col: 0, open: false });
  // The cursor as the last key left it, not as last drawn: s typed right after a move syncs
  // the cell moved to.
  const latest = useRef(pos);
  const setPos = (f: (p: typeof pos) => typeof pos) => {
    latest.current = f(latest.current);
    setPosState(latest.current);
  };
  // The F prompt's path while it is open, also as the last key left it: a path typed (or pasted)
  // right after F is the path's, never drift keys (its `s` is no sync) and never lost.
  const [path, setPathState] = useState<string | undefined>(undefined);
  const typed = useRef(path);
  const setPath = (v: string | undefined) => {
    typed.current = v;
    setPathState(v);
  };
  const submitPath = (v: string) => {
    setPath(undefined);
    if (v.trim()) void actions.usersSync.plan({ from: 'file', path: v.trim() }, BACK);
  };
  const users = union ? ordered(union) : [];
  const nodes = union?.nodes ?? [];
  const w = Math.min(width, 120);
  const cols = Math.max(1, Math.floor((w - 4 - NAME) / COL));
  const rowsShown = Math.max(1, height - 8 - reportHeight(report, height) - (path === undefined ? 0 : 2));
  /** s / S / F: plan first (a confirmation); refused in read-only mode by the action. */
  const sync = (id: string) => {
    const node = nodes[latest.current.col];
    const user = users[latest.current.row];
    if (report?.running || !node) return;
    if (id === 'drift.sync-file')
      return readOnly ? void actions.usersSync.plan({ from: 'file', path: '' }, BACK) : setPath('');
    void actions.usersSync.plan(
      {
        from: 'node',
        node,
        user: id === 'drift.sync-user' ? user?.name : undefined,
      },
      BACK,
    );
  };
  // Functional updates: keys typed faster than a frame each move from the last, not the drawn one.
  useInput((input, key) => {
    if (typed.current !== undefined) {
      if (key.escape) return setPath(undefined);
      if (key.return) return submitPath(typed.current);
      const next = editText(typed.current, input, key);
      if (next !== undefined) setPath(next);
      return;
    }
    if (key.escape) {
      if (!pos.open) {
        actions.usersSync.clear();
        actions.ui.close();
      }
      return setPos((p) => ({ ...p, open: false }));
    }
    if (key.return) return setPos((p) => ({ ...p, open: !p.open }));
    const bound = latest.current.open ? undefined : match(DRIFT_BINDINGS, keyName(input, key));
    if (bound) return sync(bound.id);
    const row = key.downArrow || input === 'j' ? 1 : key.upArrow || input === 'k' ? -1 : 0;
    const col = key.rightArrow || input === 'l' ? 1 : key.leftArrow || input === 'h' ? -1 : 0;
    setPos((p) =>
      p.open
        ? p
        : {
            open: false,
            row: Math.max(0, Math.min(users.length - 1, p.row + row)),
            col: Math.max(0, Math.min(nodes.length - 1, p.col + col)),
          },
    );
  });
  if (!union)
    return (
      <Box borderStyle="round" paddingX={1} width={w} flexDirection="column">
        <Text>No drift to show: one server, or the users are not read yet.</Text>
        <Text {...tone(theme, 'muted')}>Esc closes</Text>
      </Box>
    );
  // The selected node's column stays in sight: the columns scroll when it moves past the edge.
  const left = Math.max(0, pos.col - cols + 1);
  const shownNodes = nodes.slice(left, left + cols);
  const labels = nodeLabels(nodes).slice(left, left + cols);
  const top = Math.max(0, pos.row - rowsShown + 1);
  const sel = users[pos.row];
  const node = nodes[pos.col] ?? '';
  const inner = w - 4;
  const more = `${left > 0 ? '◀' : ' '}${left + cols < nodes.length ? '▶' : ' '}`;
  const title = `${headline ?? 'No ACL drift: every user is the same on every node read'} ${more}`;
  if (pos.open && sel) {
    const mine = rulesOf(sel, node);
    const major = sel.variants[0];
    return (
      <Box borderStyle="round" paddingX={1} width={w} flexDirection="column">
        <Text {...tone(theme, 'accent')}>
          {fitWidth(`${toDisplay(sel.name)} on ${toDisplay(node)}: ${CELL[cellOf(sel, node)]}`, inner)}
        </Text>
        <Text>{`This node (${toDisplay(node)}):`}</Text>
        <Text wrap="wrap">{mine ?? '(no such user on this node)'}</Text>
        <Text>{`Majority (${major?.nodes.length ?? 0} of ${nodes.length} nodes):`}</Text>
        <Text wrap="wrap">{major ? (rulesOf(sel, major.nodes[0] ?? '') ?? '') : '(none)'}</Text>
        {sel.missing.length ? (
          <Text
            {...tone(theme, 'warning')}
            wrap="wrap"
          >{`Missing on ${sel.missing.map(toDisplay).join(', ')}`}</Text>
        ) : null}
        <Text {...tone(theme, 'muted')}>Enter or Esc: back to the matrix</Text>
      </Box>
    );
  }
  return (
    <Box borderStyle="round" paddingX={1} width={w} flexDirection="column">
      <Text {...tone(theme, 'accent')}>{fitWidth(title, inner)}</Text>
      <SyncResults report={report} width={inner} height={height} theme={theme} />
      {path !== undefined ? <PathPrompt value={path} theme={theme} /> : null}
      <Text wrap="truncate">
        {pad('USER', NAME)}
        {labels.map((l) => pad(l, COL)).join('')}
      </Text>
      {users.slice(top, top + rowsShown).map((u, i) => (
        <Text key={u.name} wrap="truncate">
          <Text inverse={top + i === pos.row}>{pad(toDisplay(u.name), NAME)}</Text>
          {shownNodes.map((n, j) => {
            const c = cellOf(u, n);
            return (
              <Text
                key={n}
                inverse={top + i === pos.row && left + j === pos.col}
                {...tone(theme, c === 'same' ? 'muted' : c === 'unknown' ? 'warning' : 'danger')}
              >
                {pad(CELL[c], COL)}
              </Text>
            );
          })}
        </Text>
      ))}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(
          `${toDisplay(node)} · ↑↓←→ move · Enter: this node's rules beside the majority's · Esc closes`,
          inner,
        )}
      </Text>
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(syncHints(readOnly), inner)}
      </Text>
    </Box>
  );
}
