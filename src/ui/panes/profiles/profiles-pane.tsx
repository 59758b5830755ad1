// Saved connections: connect, add, edit, delete, test, set the default.
import { Box, Text } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { FilterBar } from '../../components/filter-bar.js';
import { Table } from '../../components/table.js';
import type { Column } from '../../components/table.js';
import { useListKeys } from '../../hooks/use-list-keys.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { needsPrompt } from '../../../state/actions/profiles.js';
import { addressOf } from '../../../redis/connect.js';
import type { Profile } from '../../../profiles/schema.js';
import type { ProfileTest } from '../../../state/app-state.js';
import { AccessDetail, AccessSummary, accessLabel, summaryHeight } from './access-view.js';
import { openProfilesOverlay } from './open-overlay.js';

const describePassword = (p: Profile) => {
  const s = p.password;
  return s.kind === 'env' ? `env ${s.name}` : s.kind === 'file' ? 'file' : s.kind;
};

export function filterProfiles(list: readonly Profile[], filter: string): Profile[] {
  const f = filter.trim().toLowerCase();
  if (!f) return [...list];
  return list.filter((p) =>
    [p.name, p.host, p.user, p.notes, p.socket, String(p.port ?? '')].some((x) =>
      x?.toLowerCase().includes(f),
    ),
  );
}

export function ProfilesPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const list = useAppState((s) => s.profiles.list);
  const defaultName = useAppState((s) => s.profiles.defaultName);
  const tests = useAppState((s) => s.profiles.tests);
  const current = useAppState((s) => s.session.profile);
  const filter = useAppState((s) => s.ui.filters.profiles ?? '');
  const filtering = useAppState((s) => s.ui.filtering && s.ui.pane === 'profiles');
  const path = useAppState((s) => s.profiles.path);
  const rows = filterProfiles(list, filter);
  // The selected profile's last test says what its user may do: a line per pane, v for all.
  const [showAccess, setShowAccess] = useState(false);
  const at = useAppState((s) => s.ui.selection.profiles ?? 0);
  const access = tests[rows[Math.min(at, rows.length - 1)]?.name ?? '']?.access;
  const tableHeight = Math.max(3, height - 4 - summaryHeight(access));

  const selected = useListKeys('profiles', rows.length, tableHeight - 1, (id, at) => {
    const p = rows[at];
    if (id === 'profiles.new') return actions.ui.open(openProfilesOverlay('profile-form', {}));
    if (!p) return actions.ui.say('No profile selected. Press n to add one.', 'warning');
    // A "prompt" profile asks for its password in the console first.
    const withPassword = (purpose: 'connect' | 'test') => {
      const run = (pw?: string) => void actions.profiles[purpose](p.name, pw);
      if (needsPrompt(p)) actions.ui.open({ kind: 'password', profile: p.name, purpose, onSubmit: run });
      else run();
    };
    switch (id) {
      case 'profiles.connect':
        return withPassword('connect');
      case 'profiles.test':
        return withPassword('test');
      case 'profiles.edit':
        return actions.ui.open(openProfilesOverlay('profile-form', { editing: p.name }));
      case 'profiles.access':
        if (!tests[p.name]?.access)
          return actions.ui.say(`No access to show for ${p.name}: press t to test it first.`, 'warning');
        return setShowAccess(true);
      case 'profiles.default':
        return void actions.profiles.setDefault(p.name);
      case 'profiles.delete':
        return actions.ui.open({
          kind: 'confirm',
          request: {
            title: `Delete profile ${p.name}?`,
            lines: [
              `Removes the saved connection ${p.name} (${addressOf(p)}) from ${path ?? 'the profile file'}.`,
              'The server is not touched. A keyring secret, if any, stays in the keyring.',
            ],
            confirmLabel: 'delete',
            onConfirm: () => void actions.profiles.remove(p.name),
          },
        });
    }
  });

  const testLabel = (t?: ProfileTest) =>
    !t
      ? ''
      : t.state === 'running'
        ? 'testing…'
        : t.state === 'ok'
          ? `✓ ${t.error ? (t.error.code ?? t.error.name) : t.access ? accessLabel(t.access) : 'ok'}`
          : `✗ ${t.error?.code ?? t.error?.name ?? 'failed'}`;
  const columns: Column<Profile>[] = [
    {
      key: 'mark',
      title: '',
      width: 2,
      cell: (p) => `${p.name === defaultName ? '*' : ' '}${p.name === current ? '>' : ' '}`,
    },
    { key: 'name', title: 'NAME', width: 16, cell: (p) => p.name },
    { key: 'addr', title: 'ADDRESS', width: 0, cell: (p) => addressOf(p) },
    { key: 'user', title: 'USER', width: 10, cell: (p) => p.user ?? 'default' },
    { key: 'pw', title: 'PASSWORD', width: 10, cell: describePassword },
    {
      key: 'flags',
      title: 'FLAGS',
      width: 10,
      cell: (p) =>
        [p.tls?.enabled && (p.tls.cert ? 'mTLS' : 'TLS'), p.cluster && 'cl', p.readOnly && 'ro']
          .filter(Boolean)
          .join(','),
    },
    {
      key: 'test',
      title: 'TEST',
      width: 10,
      cell: (p) => testLabel(tests[p.name]),
      tone: (p) => (tests[p.name]?.state === 'failed' ? 'danger' : undefined),
    },
  ];
  // When the list is re-read (after a change here or in another shell), stay on the same
  // profile rather than the same row: a shifted row must never turn "d" onto another one.
  const selectedName = useRef<string | undefined>(undefined);
  useEffect(() => {
    const name = selectedName.current;
    const i = name === undefined ? -1 : rows.findIndex((p) => p.name === name);
    if (i >= 0 && i !== selected) actions.ui.select('profiles', i);
  }, [list]);
  useEffect(() => {
    selectedName.current = rows[selected]?.name;
  });
  const sel = rows[selected];
  if (showAccess && access)
    return <AccessDetail access={access} width={width} height={height} close={() => setShowAccess(false)} />;
  const detail = sel ? (tests[sel.name]?.detail ?? sel.notes) : undefined;
  return (
    <Box flexDirection="column" width={width}>
      {list.length === 0 ? (
        // Two fixed lines rather than wrapped text: wrapping costs the first frame ~50 ms.
        <Box flexDirection="column">
          <Text {...tone(theme, 'muted')} wrap="truncate">
            No saved profiles. Press n to add one, or from a shell:
          </Text>
          <Text {...tone(theme, 'muted')} wrap="truncate">
            redis-warden profiles add NAME -h HOST -p PORT --user USER ...
          </Text>
        </Box>
      ) : (
        <Table
          rows={rows}
          columns={columns}
          selected={selected}
          height={tableHeight}
          width={width}
          rowKey={(p) => p.name}
          empty="No profile matches the filter."
        />
      )}
      {access ? <AccessSummary access={access} width={width} /> : null}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {detail ?? (path ? `Profiles: ${path}  (* default, > connected)` : ' ')}
      </Text>
      <FilterBar value={filter} editing={filtering} />
    </Box>
  );
}
