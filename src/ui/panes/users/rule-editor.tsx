// The rule editor: rules are parsed as they are typed (errors at the token), checked
// against this server's commands and categories, and the effect is shown as a diff of
// permissions before anything is sent. One ACL SETUSER applies it (all or nothing).
// Creating starts from a template; a generated password is sent as its #sha256 and shown
// here once.
import { Box, Text, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { maskPasswordRules, TextInput } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { ACL_TEMPLATES } from '../../../domain/acl/templates.js';
import { newRiskLine } from '../../../domain/acl/risk.js';
import { previewRules } from '../../../domain/acl/rule-preview.js';
import type { EditMode } from '../../../domain/acl/rule-preview.js';

// The seed's rule syntax, one line: what an operator reaches for while typing.
const SYNTAX = [
  'on off  >pw <pw #hash !hash nopass resetpass  ~key %R~key %W~key allkeys resetkeys',
  '&chan allchannels resetchannels  +cmd -cmd +@cat -@cat +cmd|sub allcommands nocommands',
  '(~key +cmd) selector  clearselectors  reset',
];

export function RuleEditor({ user, width, height }: { user?: string; width: number; height: number }) {
  const theme = useTheme();
  const { actions } = useApp();
  const users = useAppState((s) => s.users);
  const serverVersion = useAppState((s) => s.connection?.nodes.find((n) => n.server)?.server?.version);
  const row = user ? users.rows.find((r) => r.name === user) : undefined;
  const creating = !user;
  const [template, setTemplate] = useState(0);
  const tpl = ACL_TEMPLATES[template];
  const [name, setName] = useState(tpl?.defaultName ?? '');
  const [mode, setMode] = useState<EditMode>(creating ? 'replace' : 'append');
  const [rules, setRules] = useState(creating ? (tpl?.rules ?? '') : '');
  const [focus, setFocus] = useState<'name' | 'rules'>(creating ? 'name' : 'rules');

  const previewOf = (text: string, nameNow: string) =>
    previewRules({
      name: creating ? nameNow : (user ?? ''),
      before: row?.user,
      text,
      mode: creating ? 'replace' : mode,
      users: users.rows.flatMap((r) => (r.user ? [r.user] : [])),
      me: users.me,
      universe: users.universe,
      exists: creating ? users.rows.some((r) => r.name === nameNow) : true,
      pubsubDefault: users.pubsubDefault,
      serverVersion,
    });
  const preview = useMemo(
    () => previewOf(rules, name),
    [creating, name, user, row, rules, mode, users, serverVersion],
  );
  // Enter can arrive before the last keystrokes were rendered (a paste, a fast typist):
  // what is applied is computed from what was typed, not from the last frame.
  const typed = useRef({ rules, name });
  typed.current = { rules, name };

  const pickTemplate = (i: number) => {
    const n = (i + ACL_TEMPLATES.length) % ACL_TEMPLATES.length;
    setTemplate(n);
    setName(ACL_TEMPLATES[n]?.defaultName ?? '');
    setRules(ACL_TEMPLATES[n]?.rules ?? '');
  };

  const apply = async (text = typed.current.rules) => {
    const name = typed.current.name;
    const preview = previewOf(text, name);
    if (!creating && !text.trim()) return actions.ui.say('No rules typed: nothing to apply.', 'warning');
    if (preview.problems.length) {
      actions.ui.say(`Not applied: ${preview.problems[0] ?? ''}`, 'danger');
      return;
    }
    const args = preview.args;
    let password: string | undefined;
    if (creating && tpl?.needsPassword && !preview.hasPassword) {
      password = await actions.users.genPass();
      if (!password)
        return actions.ui.say('Could not generate a password (ACL GENPASS): not connected?', 'danger');
    }
    const target = creating ? name : (user ?? '');
    const go = async () => {
      // Creating sends the password as its #sha256 (src/ops/users.ts createUserOp, as acl create).
      const r = creating
        ? await actions.users.create(target, args, password, preview.secrets)
        : await actions.users.setUser(target, args, preview.secrets);
      // A lost reply may still have created the user: its password is shown all the same, or
      // it would exist with a password nobody saw.
      const unknown = r?.results.some((x) => x.outcome === 'unknown') ?? false;
      if (password && (r?.status === 'done' || unknown))
        actions.ui.open({
          kind: 'secret',
          title:
            r?.status === 'done'
              ? `Created ${toDisplay(target)}. Its password, shown this once:`
              : `Outcome unknown (the reply was lost): if ${toDisplay(target)} was created, this is its password, shown this once:`,
          secret: password,
          note: 'Only its SHA-256 was sent to Redis. Esc closes; it is not shown again.',
        });
      else if (r?.status === 'done') actions.ui.close();
    };
    if (!creating && !preview.changes.length)
      return actions.ui.say('Nothing to apply: those rules change nothing this user may do.', 'info');
    // Every change is confirmed; a lockout or a new critical risk (nopass, ...) needs the name typed.
    const high = preview.newRisks.some((r) => r.severity === 'critical');
    actions.ui.open({
      kind: 'confirm',
      request: {
        title: `${creating ? 'Create' : 'Change'} user ${toDisplay(target)}?`,
        lines: [
          `ACL SETUSER ${toDisplay(target)} ${toDisplay(preview.shownArgs.join(' '))}`,
          `on ${users.nodes ?? 1} node(s).`,
          // Server strings (patterns, channels, first-args) are in these lines: escaped here.
          ...preview.changes.map((c) => toDisplay(c)),
          ...preview.newRisks.map((r) => toDisplay(newRiskLine(r))),
          ...preview.lockout.map((l) => `LOCKOUT: this ${toDisplay(l)}.`),
        ],
        typed: preview.lockout.length || high ? target : undefined,
        confirmLabel: creating ? 'create' : 'apply',
        onConfirm: go,
      },
    });
  };

  useInput((input, key) => {
    if (key.escape) return actions.ui.close();
    if (key.tab && creating) return setFocus(focus === 'name' ? 'rules' : 'name');
    if (key.tab && !creating) {
      const next = mode === 'append' ? 'replace' : 'append';
      setMode(next);
      setRules(next === 'replace' ? preview.currentRules : '');
      return;
    }
    if (creating && (key.pageDown || key.pageUp)) return pickTemplate(template + (key.pageDown ? 1 : -1));
    if (key.ctrl && input === 's') return void apply();
  });

  const w = Math.min(width, 100);
  const inner = w - 4;
  const lines = Math.max(2, height - 13 - (users.pubsubNote ? 1 : 0));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={w}>
      <Text {...tone(theme, 'accent')} wrap="truncate">
        {creating
          ? fitWidth(
              `New user from template ${template + 1}/${ACL_TEMPLATES.length}: ${tpl?.title ?? ''} (PgUp/PgDn)`,
              inner,
            )
          : fitWidth(
              `Rules for ${toDisplay(user ?? '')}: ${mode === 'append' ? 'APPEND to the current rules' : 'REPLACE them (password hashes kept unless resetpass)'} (Tab)`,
              inner,
            )}
      </Text>
      {creating ? (
        <>
          <Text {...tone(theme, 'muted')} wrap="truncate">
            {fitWidth(tpl?.description ?? '', inner)}
          </Text>
          <Box>
            <Text {...tone(theme, focus === 'name' ? 'accent' : 'muted')}>{'name  '}</Text>
            <TextInput
              value={name}
              focus={focus === 'name'}
              onChange={setName}
              onSubmit={() => setFocus('rules')}
              maxLength={512}
            />
          </Box>
        </>
      ) : null}
      <Box>
        <Text {...tone(theme, focus === 'rules' ? 'accent' : 'muted')}>{'rules '}</Text>
        <Box width={inner - 6}>
          <TextInput
            value={rules}
            focus={focus === 'rules'}
            onChange={(v) => {
              typed.current.rules = v;
              setRules(v);
            }}
            onSubmit={(v) => void apply(v)}
            placeholder="on >password ~app:* +@read -@dangerous"
            maxLength={65536}
            shown={maskPasswordRules}
            maxShown={(inner - 6) * 3}
          />
        </Box>
      </Box>
      {[...preview.errors, ...preview.problems.filter((p) => !preview.errors.includes(p))]
        .slice(0, 3)
        .map((e, i) => (
          <Text key={`e${i}`} {...tone(theme, 'danger')} wrap="truncate">
            {fitWidth(e, inner)}
          </Text>
        ))}
      {users.pubsubNote ? (
        <Text {...tone(theme, 'warning')} wrap="truncate">
          {fitWidth(users.pubsubNote, inner)}
        </Text>
      ) : null}
      {preview.lockout.map((l, i) => (
        <Text key={`l${i}`} {...tone(theme, 'danger')} bold wrap="truncate">
          {fitWidth(`LOCKOUT: this ${toDisplay(l)}`, inner)}
        </Text>
      ))}
      {preview.changes.slice(0, lines).map((c, i) => (
        <Text key={`c${i}`} {...tone(theme, 'text')} wrap="truncate">
          {fitWidth(toDisplay(c), inner)}
        </Text>
      ))}
      {!preview.changes.length && !preview.errors.length ? (
        <Text {...tone(theme, 'muted')}>{rules.trim() ? 'No change in what the user may do.' : ' '}</Text>
      ) : null}
      {SYNTAX.map((line) => (
        <Text key={line} {...tone(theme, 'muted')} wrap="truncate">
          {fitWidth(line, inner)}
        </Text>
      ))}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(
          `Enter or Ctrl-S: review and apply · ${creating ? 'Tab: name/rules · ' : ''}Esc: cancel${creating && tpl?.needsPassword ? ' · a password is generated unless you add >pw or #hash' : ''}`,
          inner,
        )}
      </Text>
    </Box>
  );
}
