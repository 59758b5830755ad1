// Step 2: the key type for every certificate of the plan, with a word on cost and support.
import { Box, useInput } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import type { KeyType } from '../../../state/actions/certs-ops.js';
import { ChoiceList, moved } from './choice-list.js';
import type { StepProps } from './wizard.js';

export const KEY_CHOICES: readonly { key: KeyType; label: string; note: string }[] = [
  {
    key: 'ecdsa-p256',
    label: 'ECDSA P-256 (default)',
    note: 'fast and small; every TLS 1.2+ client (redis-cli, ioredis, redis-py)',
  },
  {
    key: 'ecdsa-p384',
    label: 'ECDSA P-384',
    note: 'a little slower; for policies asking for 192-bit strength',
  },
  {
    key: 'rsa-2048',
    label: 'RSA 2048',
    note: 'the widest support (old clients, some FIPS setups); bigger handshakes',
  },
  { key: 'rsa-3072', label: 'RSA 3072', note: '128-bit strength; about a second to make each key' },
  { key: 'rsa-4096', label: 'RSA 4096', note: 'slowest to make and to handshake; rarely needed' },
];

export function StepKey({ width, back }: StepProps) {
  const { actions } = useApp();
  const current = useAppState((s) => s.certs.keyType);
  const [at, setAt] = useState(
    Math.max(
      0,
      KEY_CHOICES.findIndex((k) => k.key === current),
    ),
  );
  useInput((input, key) => {
    if (key.escape || key.backspace || key.delete) return back();
    if (key.return) return actions.certs.key(KEY_CHOICES[at]?.key ?? 'ecdsa-p256');
    setAt(moved(at, KEY_CHOICES.length, key, input));
  });
  return (
    <Box flexDirection="column">
      <ChoiceList items={KEY_CHOICES} selected={at} width={width} />
    </Box>
  );
}
