// Profile <-> form values, with the checks an operator needs before saving. Pure.
import type { PasswordSource, Profile } from '../../../profiles/schema.js';
import { PROFILE_NAME_RE } from '../../../profiles/schema.js';
import { isCidr } from '../../../domain/clients/cidr.js';
import { toDisplay } from '../../../domain/display.js';
import type { FormField, FormValues } from '../../components/form.js';
import { PANE_IDS, paneIdByName } from '../names.js';

export const PASSWORD_KINDS = ['none', 'prompt', 'env', 'file', 'keyring', 'plain'] as const;
const yesNo = ['no', 'yes'];

export function profileFields(themes: string[]): FormField[] {
  const tlsOn = (v: FormValues) => v.tls === 'yes';
  return [
    { key: 'name', label: 'Name', kind: 'text', help: 'Letters, digits, . _ - (e.g. prod-cache)' },
    { key: 'host', label: 'Host', kind: 'text', help: 'Default 127.0.0.1; leave empty when using a socket' },
    { key: 'port', label: 'Port', kind: 'text', help: 'Default 6379' },
    { key: 'socket', label: 'Unix socket', kind: 'text', help: 'A path; replaces host and port' },
    { key: 'user', label: 'User', kind: 'text', help: 'ACL user (empty: default)' },
    {
      key: 'passwordKind',
      label: 'Password from',
      kind: 'choice',
      choices: [...PASSWORD_KINDS],
      help: 'prompt: ask each time · env: a variable · file · keyring: OS keyring · plain: stored in the file (not recommended)',
    },
    {
      key: 'passwordEnv',
      label: 'Variable',
      kind: 'text',
      visible: (v) => v.passwordKind === 'env',
      help: 'e.g. REDISCLI_AUTH',
    },
    {
      key: 'passwordFile',
      label: 'File',
      kind: 'text',
      visible: (v) => v.passwordKind === 'file',
      help: 'Path to a file holding only the password (mode 0600)',
    },
    {
      key: 'password',
      label: 'Password',
      kind: 'secret',
      visible: (v) => v.passwordKind === 'keyring' || v.passwordKind === 'plain',
      help: 'keyring: saved to the OS keyring · plain: saved in the profile file',
    },
    { key: 'tls', label: 'TLS', kind: 'choice', choices: yesNo },
    {
      key: 'cacert',
      label: 'CA cert',
      kind: 'text',
      visible: tlsOn,
      help: '--cacert: the CA that signed the server certificate',
    },
    {
      key: 'cert',
      label: 'Client cert',
      kind: 'text',
      visible: tlsOn,
      help: '--cert: for mTLS (tls-auth-clients yes)',
    },
    { key: 'key', label: 'Client key', kind: 'text', visible: tlsOn, help: '--key: for mTLS' },
    {
      key: 'sni',
      label: 'SNI',
      kind: 'text',
      visible: tlsOn,
      help: 'Server name to verify, when it differs from the host',
    },
    {
      key: 'insecure',
      label: 'Skip verify',
      kind: 'choice',
      choices: yesNo,
      visible: tlsOn,
      help: 'Not recommended: no certificate check',
    },
    {
      key: 'cluster',
      label: 'Cluster',
      kind: 'choice',
      choices: yesNo,
      help: 'Discover every node from this seed (-c)',
    },
    {
      key: 'readOnly',
      label: 'Read-only',
      kind: 'choice',
      choices: yesNo,
      help: 'Hide and refuse every change when using this profile',
    },
    {
      key: 'theme',
      label: 'Theme',
      kind: 'choice',
      choices: ['', ...themes],
      help: 'e.g. production: a red accent',
    },
    {
      key: 'alertRate',
      label: 'Alert rate',
      kind: 'text',
      help: 'ACL LOG events per minute that raise the rate alert (empty: the default, 3x the last hour; 0: none)',
    },
    {
      key: 'expectedNetworks',
      label: 'Expected nets',
      kind: 'text',
      help: 'Networks clients come from, comma-separated (10.0.0.0/8, fd00::/8); the Clients pane highlights others',
    },
    { key: 'notes', label: 'Notes', kind: 'text' },
    // Last: the fields above keep their places (operators' muscle memory, the tests' ↓ counts).
    {
      key: 'pane',
      label: 'Opens on',
      kind: 'choice',
      choices: ['', ...PANE_IDS],
      help: 'The pane the console opens on with this profile (empty: Users); --pane overrides',
    },
  ];
}

export function toValues(p?: Profile): FormValues {
  const pw = p?.password ?? { kind: 'none' };
  return {
    name: p?.name ?? '',
    host: p?.host ?? '',
    port: p?.port ? String(p.port) : '',
    socket: p?.socket ?? '',
    user: p?.user ?? '',
    passwordKind: pw.kind,
    passwordEnv: pw.kind === 'env' ? pw.name : 'REDISCLI_AUTH',
    passwordFile: pw.kind === 'file' ? pw.path : '',
    password: '',
    tls: p?.tls?.enabled ? 'yes' : 'no',
    cacert: p?.tls?.cacert ?? '',
    cert: p?.tls?.cert ?? '',
    key: p?.tls?.key ?? '',
    sni: p?.tls?.sni ?? '',
    insecure: p?.tls?.insecure ? 'yes' : 'no',
    cluster: p?.cluster ? 'yes' : 'no',
    readOnly: p?.readOnly ? 'yes' : 'no',
    theme: p?.theme ?? '',
    pane: p?.pane ? (paneIdByName(p.pane) ?? '') : '',
    alertRate: p?.alertRate !== undefined ? String(p.alertRate) : '',
    expectedNetworks: (p?.expectedNetworks ?? []).join(', '),
    notes: p?.notes ?? '',
  };
}

export interface FormResult {
  profile?: Profile;
  /** A secret to put in the keyring after saving (never in the profile). */
  keyringSecret?: string;
  error?: string;
}

export function fromValues(v: FormValues, previous?: Profile): FormResult {
  const t = (k: string) => (v[k] ?? '').trim();
  const name = t('name');
  if (!PROFILE_NAME_RE.test(name))
    return { error: 'Name: 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit.' };
  const port = t('port');
  if (port && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535))
    return { error: 'Port: a number from 1 to 65535.' };
  const rate = t('alertRate');
  if (rate && !(Number(rate) >= 0 && Number.isFinite(Number(rate))))
    return {
      error: 'Alert rate: ACL LOG events per minute (empty: the default; 0: no rate alert).',
    };
  const nets = t('expectedNetworks')
    .split(/[\s,]+/)
    .filter(Boolean);
  const badNet = nets.find((n) => !isCidr(n));
  if (badNet !== undefined)
    return {
      error: `Expected nets: "${toDisplay(badNet)}" is not an IP address or CIDR (10.0.0.0/8, fd00::/8).`,
    };
  let password: PasswordSource;
  let keyringSecret: string | undefined;
  switch (v.passwordKind) {
    case 'prompt':
      password = { kind: 'prompt' };
      break;
    case 'env':
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(t('passwordEnv')))
        return { error: 'Variable: an environment variable name, e.g. REDISCLI_AUTH.' };
      password = { kind: 'env', name: t('passwordEnv') };
      break;
    case 'file':
      if (!t('passwordFile')) return { error: 'File: the path of a file that holds the password.' };
      password = { kind: 'file', path: t('passwordFile') };
      break;
    case 'keyring':
      password = { kind: 'keyring' };
      if (v.password) keyringSecret = v.password;
      else if (previous?.password.kind !== 'keyring')
        return { error: 'Password: type it once; it goes to the OS keyring, not the profile file.' };
      break;
    case 'plain': {
      const value = v.password || (previous?.password.kind === 'plain' ? previous.password.value : '');
      if (!value)
        return { error: 'Password: type it (it will be stored in plain text in the profile file).' };
      password = { kind: 'plain', value };
      break;
    }
    default:
      password = { kind: 'none' };
  }
  const tls =
    v.tls === 'yes'
      ? {
          enabled: true,
          ...(t('cacert') && { cacert: t('cacert') }),
          ...(t('cert') && { cert: t('cert') }),
          ...(t('key') && { key: t('key') }),
          ...(t('sni') && { sni: t('sni') }),
          ...(v.insecure === 'yes' && { insecure: true }),
        }
      : undefined;
  if (tls && Boolean(tls.cert) !== Boolean(tls.key))
    return { error: 'Client cert and Client key go together (mTLS).' };
  const profile: Profile = {
    name,
    password,
    ...(t('host') && { host: t('host') }),
    ...(port && { port: Number(port) }),
    ...(t('socket') && { socket: t('socket') }),
    ...(t('user') && { user: t('user') }),
    ...(tls && { tls }),
    ...(v.cluster === 'yes' && { cluster: true }),
    ...(v.readOnly === 'yes' && { readOnly: true }),
    ...(t('theme') && { theme: t('theme') }),
    ...(t('pane') && { pane: t('pane') }),
    ...(t('notes') && { notes: t('notes') }),
    ...(nets.length > 0 && { expectedNetworks: nets }),
    ...(t('alertRate') && { alertRate: Number(t('alertRate')) }),
  };
  return keyringSecret ? { profile, keyringSecret } : { profile };
}
