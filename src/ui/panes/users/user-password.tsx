// Passwords of one user, rotated in two steps: add a new one while the old still works,
// move the clients over, then remove the old one. Only SHA-256 hashes are sent; a
// generated password is shown once.
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';

const MAX_BYTES = 16 * 1024;

export function UserPassword({ user, width }: { user: string; width: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const row = useAppState((s) => s.users.rows.find((r) => r.name === user));
  const [sel, setSel] = useState(0);
  const [typing, setTyping] = useState(false);
  const [typed, setTyped] = useState('');
  const hashes = row?.user?.passwords ?? [];
  const name = toDisplay(user);

  const add = async (password: string, generated: boolean) => {
    const r = await actions.users.addPassword(user, password);
    if (r?.status !== 'done') return;
    if (generated)
      actions.ui.open({
        kind: 'secret',
        title: `New password of ${name} (the old one${hashes.length ? 's still work' : ''}), shown this once:`,
        secret: password,
        note: 'Only its SHA-256 was sent. Move the clients to it, then remove the old one (a, then x). Esc closes.',
      });
    else actions.ui.close();
  };

  useInput(
    (input, key) => {
      if (key.escape) return actions.ui.close();
      if (key.upArrow || input === 'k') return setSel(Math.max(0, sel - 1));
      if (key.downArrow || input === 'j') return setSel(Math.min(hashes.length - 1, sel + 1));
      if (input === 'g')
        return void actions.users
          .genPass()
          .then((pw) =>
            pw ? add(pw, true) : actions.ui.say('ACL GENPASS failed: not connected?', 'danger'),
          );
      if (input === 't') return setTyping(true);
      if (input === 'x' && hashes[sel]) {
        const last = hashes.length === 1 && !row?.user?.nopass;
        const hash = hashes[sel];
        return actions.ui.open({
          kind: 'confirm',
          request: {
            title: `Remove password ${sel + 1} of ${name}?`,
            lines: [
              `ACL SETUSER ${name} !‹hash of password ${sel + 1}›: clients still using it can no longer log in (open connections stay).`,
              ...(last ? ['It is the LAST password: nobody can log in as this user afterwards.'] : []),
            ],
            typed: last ? user : undefined,
            confirmLabel: 'remove',
            onConfirm: () => void actions.users.removePasswords(user, [hash]),
          },
        });
      }
    },
    { isActive: !typing },
  );
  useInput(
    (_i, key) => {
      if (key.escape) {
        setTyping(false);
        setTyped('');
      }
    },
    { isActive: typing },
  );

  const w = Math.min(width, 80);
  const tooLong = Buffer.byteLength(typed, 'utf8') > MAX_BYTES;
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={w}>
      <Text {...tone(theme, 'accent')}>{fitWidth(`Passwords of ${name}`, w - 4)}</Text>
      {row?.user?.nopass ? (
        <Text {...tone(theme, 'danger')}>nopass: any password logs in. Adding one turns nopass off.</Text>
      ) : null}
      {hashes.length === 0 && !row?.user?.nopass ? (
        <Text {...tone(theme, 'warning')}>No password: nobody can log in as this user.</Text>
      ) : null}
      {/* No part of a hash, not even a prefix: it would narrow an offline guess. */}
      {hashes.map((h, i) => (
        <Text key={h} {...tone(theme, i === sel ? 'selection' : 'text')}>
          {`${i === sel ? '›' : ' '} password ${i + 1}${i === 0 && hashes.length > 1 ? '  (oldest)' : ''}`}
        </Text>
      ))}
      {hashes.length === 2 ? (
        <Text {...tone(theme, 'warning')}>
          Two passwords: a rotation is in progress. Remove the old one when clients have moved.
        </Text>
      ) : null}
      {typing ? (
        <Box flexDirection="column">
          <Box>
            <Text {...tone(theme, 'accent')}>{'new password> '}</Text>
            <TextInput
              value={typed}
              mask
              focus
              onChange={setTyped}
              onSubmit={(v) => {
                if (!v) return;
                if (Buffer.byteLength(v, 'utf8') > MAX_BYTES) return;
                setTyping(false);
                setTyped('');
                void add(v, false);
              }}
            />
          </Box>
          {tooLong ? (
            <Text {...tone(theme, 'danger')}>
              Longer than 16 KiB: refused (it cannot be typed, stored or sent sanely; press Esc and g to
              generate one).
            </Text>
          ) : (
            <Text {...tone(theme, 'muted')}>Enter adds it (sent as its SHA-256) · Esc cancels</Text>
          )}
        </Box>
      ) : (
        <Text {...tone(theme, 'muted')}>
          g: generate and add (ACL GENPASS) · t: type one · x: remove the selected · Esc: close
        </Text>
      )}
    </Box>
  );
}
