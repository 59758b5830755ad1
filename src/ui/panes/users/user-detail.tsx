// One user: its rules laid out, the raw ACL line (hashes masked unless asked), what each
// category lets it run (the permissions explorer) and the last access tests.
import { Box, Text } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { useDetailKeys } from '../../hooks/use-detail-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { byCategory, effectiveOfText, listSome } from '../../../domain/acl/effective.js';
import { listedRisk } from '../../../domain/acl/risk.js';
import { displayWidth, fitWidth, padWidth, toDisplay } from '../../../domain/display.js';
import type { UserRow } from '../../../state/users-slice.js';
import { channelsSummary, keysSummary, passwordState, riskLabel } from './rows.js';
import { useUserCommands } from './use-user-commands.js';

export const maskHashes = (line: string) => line.replace(/([#!])[0-9a-f]{64}\b/g, '$1‹hash›');

export function UserDetail({
  row,
  name,
  width,
  height,
}: {
  row?: UserRow;
  name: string;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const { actions } = useApp();
  const users = useAppState((s) => s.users);
  const tests = users.tests?.[name] ?? [];
  const onCommand = useUserCommands(row ? [row] : []);
  const u = row?.user;
  const cats =
    u && users.universe ? byCategory(effectiveOfText(u.commands, users.universe), users.universe) : [];
  const cat = Math.min(users.category ?? 0, Math.max(0, cats.length - 1));

  useDetailKeys(
    'users',
    () => actions.users.close(),
    (b) => {
      if (b.id === 'list.up') return actions.users.moveCategory(-1, cats.length);
      if (b.id === 'list.down') return actions.users.moveCategory(1, cats.length);
      if (b.id === 'users.reveal') return actions.users.toggleReveal();
      if (b.id === 'users.open') return;
      onCommand(b.id, 0);
    },
  );

  if (!row) {
    return (
      <Text {...tone(theme, 'warning')} wrap="truncate">
        {`User ${toDisplay(name)} is no longer on the server (deleted?). Esc: back to the list.`}
      </Text>
    );
  }
  let used = 0;
  // Long fields (the command rules, the raw line) get a few lines, not one cut line.
  const field = (
    label: string,
    value: string,
    t: 'text' | 'warning' | 'danger' | 'muted' = 'text',
    maxLines = 1,
  ) => {
    const lines = wrapWords(value, Math.max(4, width - 10), maxLines);
    used += lines.length;
    return (
      <Box flexDirection="column" key={label}>
        {lines.map((l, i) => (
          <Text wrap="truncate" key={i}>
            <Text {...tone(theme, 'muted')}>{padWidth(i === 0 ? label : '', 10)}</Text>
            <Text {...tone(theme, t)}>{l}</Text>
          </Text>
        ))}
      </Box>
    );
  };
  const pw = u
    ? u.nopass
      ? 'nopass: any password, or none, logs in'
      : u.passwords.length === 2
        ? '2 passwords: a rotation in progress (old and new both work; remove the old one with a)'
        : `${passwordState(u)}`
    : '?';
  const fieldViews = [
    field('Passwords', pw, u?.nopass ? 'danger' : 'text'),
    field('Keys', u ? toDisplay(keysSummary(u.keys)) : '?'),
    field('Channels', u ? toDisplay(channelsSummary(u.channels)) : '?'),
    field('Commands', u ? toDisplay(u.commands) : '?', 'text', 3),
    field(
      'Selectors',
      u?.selectors.length
        ? toDisplay(u.selectors.map((s) => `(${[...s.keys, ...s.channels, s.commands].join(' ')})`).join(' '))
        : 'none',
    ),
    field(
      'Risks',
      toDisplay(row.risks.map((r) => riskLabel(row, r, `${r.severity}: ${r.detail}`)).join('; ')) || 'none',
      row.risks.some(listedRisk) ? 'warning' : 'muted',
      2,
    ),
    field(
      'ACL LIST',
      row.line ? toDisplay(users.reveal ? row.line : maskHashes(row.line)) : 'not readable',
      'muted',
      2,
    ),
  ];
  // The header, the fields as laid out, and the explorer's title line.
  const fixed = 2 + used;
  const listRows = Math.max(2, height - fixed - Math.min(3, tests.length));
  const start = Math.max(0, Math.min(cat - Math.floor(listRows / 2), cats.length - listRows));
  const current = cats[cat];
  const leftW = 22;
  const rightW = Math.max(10, width - leftW - 2);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold {...tone(theme, 'accent')}>
        {fitWidth(
          `User ${toDisplay(row.name)}  ${u ? (u.enabled ? 'on' : 'off') : '?'} · ${row.clients ?? '?'} client(s)${row.drift.length ? ` · differs on ${row.drift.map(toDisplay).join(', ')}` : ''}${users.me === row.name ? ' · this console' : ''}`,
          width,
        )}
      </Text>
      {fieldViews}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {cats.length
          ? `Permissions by category (↑/↓)  ${users.reveal ? 'v: hide hashes' : 'v: show hashes'}`
          : 'Permissions: needs ACL CAT (+acl|cat) to list commands by category.'}
      </Text>
      <Box>
        <Box flexDirection="column" width={leftW}>
          {cats.slice(start, start + listRows).map((c, i) => (
            <Text key={c.category} wrap="truncate" {...tone(theme, start + i === cat ? 'selection' : 'text')}>
              {padWidth(`${start + i === cat ? '›' : ' '} @${toDisplay(c.category)}`, 15)}
              {`${c.allowed.length}/${c.allowed.length + c.denied.length}`}
            </Text>
          ))}
        </Box>
        {current ? (
          <Box flexDirection="column" width={rightW} marginLeft={2}>
            <Text wrap="truncate" {...tone(theme, 'ok')}>
              {fitWidth(
                toDisplay(`@${current.category} allowed: ${listSome(current.allowed, 40) || 'none'}`),
                rightW,
              )}
            </Text>
            <Text wrap="truncate" {...tone(theme, 'danger')}>
              {fitWidth(
                toDisplay(`@${current.category} denied: ${listSome(current.denied, 40) || 'none'}`),
                rightW,
              )}
            </Text>
          </Box>
        ) : null}
      </Box>
      {tests.slice(0, 3).map((t, i) => (
        <Text key={i} wrap="truncate" {...tone(theme, t.allowed ? 'ok' : t.error ? 'warning' : 'danger')}>
          {fitWidth(
            `test ${toDisplay(t.command)} → ${t.error ? `error: ${toDisplay(t.error)}` : t.allowed ? 'allowed' : `denied: ${toDisplay(t.reason ?? '')}`}`,
            width,
          )}
        </Text>
      ))}
    </Box>
  );
}

/** Greedy word wrap by terminal cells; the last line ends in … when text is left over. */
export function wrapWords(text: string, width: number, maxLines: number): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (displayWidth(next) <= width) line = next;
    else {
      if (line) lines.push(line);
      line = fitWidth(w, width);
    }
  }
  lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fitWidth(`${kept[maxLines - 1] ?? ''} ${lines.slice(maxLines).join(' ')}`, width);
  return kept;
}
