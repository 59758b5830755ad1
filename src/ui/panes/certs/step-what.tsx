// Step 1: what to make. Signing with an existing CA asks for its certificate and key files and,
// masked, the key's passphrase: held by this screen and handed to the write, never stored.
import { Box, Text, useInput } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { TextView } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import type { CertKind } from '../../../state/certs-slice.js';
import { ChoiceList, moved } from './choice-list.js';
import { useLive } from './use-live.js';
import type { StepProps } from './wizard.js';

export const KIND_CHOICES: readonly { kind: CertKind; label: string; note: string }[] = [
  {
    kind: 'deployment',
    label: 'A deployment',
    note: 'a CA, one certificate per node, one per application user',
  },
  { kind: 'ca', label: 'A new CA', note: 'only the CA (ca.crt, ca.key), to sign with later' },
  { kind: 'server', label: 'Server (node) certificates', note: 'with a new CA; serverAuth + clientAuth' },
  { kind: 'client', label: 'Client certificates', note: 'with a new CA; for mTLS (tls-auth-clients yes)' },
  {
    kind: 'existing',
    label: 'Sign with an existing CA',
    note: "its certificate and key files; a key's passphrase is asked",
  },
];

const FIELDS = ['CA certificate file', 'CA key file', 'Key passphrase (empty: none)'] as const;

export function StepWhat({ width, back }: StepProps) {
  const theme = useTheme();
  const { actions } = useApp();
  const kind = useAppState((s) => s.certs.kind);
  const existing = useAppState((s) => s.certs.existing);
  const [at, setAt, liveAt] = useLive(
    Math.max(
      0,
      KIND_CHOICES.findIndex((k) => k.kind === kind),
    ),
  );
  const [, setEditing, editing] = useLive(false);
  const [field, setField, liveField] = useLive(0);
  const [values, setValues, live] = useLive<string[]>([existing.certPath, existing.keyPath, '']);
  useInput((input, key) => {
    if (!editing.current) {
      if (key.escape || key.backspace || key.delete) return back();
      if (key.return) {
        const k = KIND_CHOICES[liveAt.current]?.kind ?? 'deployment';
        return k === 'existing' ? setEditing(true) : actions.certs.what(k);
      }
      return setAt(moved(liveAt.current, KIND_CHOICES.length, key, input));
    }
    const f = liveField.current;
    if (key.escape) return setEditing(false);
    if (key.tab || key.downArrow) return setField((f + 1) % FIELDS.length);
    if (key.upArrow) return setField((f + FIELDS.length - 1) % FIELDS.length);
    if (key.return) {
      if (f < FIELDS.length - 1) return setField(f + 1);
      const [certPath = '', keyPath = '', passphrase = ''] = live.current;
      return actions.certs.what('existing', { certPath, keyPath, passphrase });
    }
    const next = editText(live.current[f] ?? '', input, key, 4096);
    if (next !== undefined) setValues(live.current.map((v, i) => (i === f ? next : v)));
  });
  return (
    <Box flexDirection="column">
      <ChoiceList items={KIND_CHOICES} selected={at} width={width} />
      {editing.current
        ? FIELDS.map((label, i) => (
            <Box key={label}>
              <Text {...tone(theme, i === field ? 'accent' : 'muted')}>{`${label}: `}</Text>
              <TextView value={values[i] ?? ''} focus={i === field} mask={i === 2} />
            </Box>
          ))
        : null}
    </Box>
  );
}
