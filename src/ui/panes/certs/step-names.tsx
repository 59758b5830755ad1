// Step 3: each certificate's CN and SANs (DNS names and IP addresses, separated by commas or
// spaces), prefilled from the profile's host and every node of a cluster; localhost and
// 127.0.0.1 offered for health checks; a node no server certificate names is pointed out.
import { Box, Text, useInput } from 'ink';
import { useApp, useAppState } from '../../app-context.js';
import { editText } from '../../components/edit-text.js';
import { TextView } from '../../components/text-input.js';
import { useTheme } from '../../theme/context.js';
import { tone } from '../../theme/tone.js';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { requestsOf } from '../../../state/actions/certs.js';
import type { CertRequest } from '../../../state/actions/certs-ops.js';
import { uncoveredNodes } from '../../../state/actions/certs-ops.js';
import { moved } from './choice-list.js';
import { useLive } from './use-live.js';
import type { StepProps } from './wizard.js';

const IP = /^[\d.]+$|:/;
const sansOf = (r: CertRequest) => [...r.dnsNames, ...r.ipAddresses].join(', ');
const parseSans = (text: string) => {
  const names = text.split(/[\s,]+/).filter(Boolean);
  return { dnsNames: names.filter((n) => !IP.test(n)), ipAddresses: names.filter((n) => IP.test(n)) };
};
const OFFERED = ['localhost', '127.0.0.1'];

export function StepNames({ width, height, back }: StepProps) {
  const theme = useTheme();
  const { actions, store } = useApp();
  const plan = useAppState((s) => s.certs.plan);
  const connection = useAppState((s) => s.connection);
  const nodes = connection?.nodes.map((n) => n.id) ?? [];
  const reqs = plan ? requestsOf(plan) : [];
  const [at, setAt, liveAt] = useLive(0);
  const [field, setField, liveField] = useLive<'cn' | 'sans'>('cn');
  // The SAN text as typed (a trailing comma included); the plan gets the parsed lists.
  const [typed, setTyped, liveTyped] = useLive<Record<number, string>>({});
  const r = reqs[at];
  const sansText = typed[at] ?? (r ? sansOf(r) : '');
  useInput((input, key) => {
    // Read at key time: keys can arrive between renders.
    const p = store.get().certs.plan;
    const all = p ? requestsOf(p) : [];
    const at = liveAt.current;
    const field = liveField.current;
    const typed = liveTyped.current;
    const r = all[at];
    const sansText = typed[at] ?? (r ? sansOf(r) : '');
    if (!r) return key.escape ? back() : undefined;
    if (key.escape) return back();
    if (key.return) return actions.certs.next();
    if (key.tab) return setField(field === 'cn' ? 'sans' : 'cn');
    if (key.upArrow || key.downArrow) return setAt(moved(at, all.length, key));
    if (key.ctrl && input === 'l' && r.role !== 'ca') {
      const have = parseSans(sansText);
      const add = OFFERED.filter((o) => ![...have.dnsNames, ...have.ipAddresses].includes(o));
      const text = [sansText, ...add].filter(Boolean).join(', ');
      setTyped({ ...typed, [at]: text });
      return actions.certs.edit(at, parseSans(text));
    }
    if (field === 'cn') {
      const next = editText(r.commonName, input, key, 64);
      if (next !== undefined) actions.certs.edit(at, { commonName: next });
      return;
    }
    if (r.role === 'ca') return;
    const next = editText(sansText, input, key, 2048);
    if (next === undefined) return;
    setTyped({ ...typed, [at]: next });
    actions.certs.edit(at, parseSans(next));
  });
  const missing = plan ? uncoveredNodes(plan, nodes) : [];
  const room = Math.max(1, height - 5 - (missing.length ? 1 : 0));
  const first = Math.max(0, Math.min(at - Math.floor(room / 2), reqs.length - room));
  return (
    <Box flexDirection="column">
      {reqs.slice(first, first + room).map((q, j) => {
        const i = first + j;
        return (
          <Text key={i} {...tone(theme, i === at ? 'selection' : 'text')} wrap="truncate">
            {fitWidth(
              `${i === at ? '›' : ' '} ${q.file.padEnd(10)} CN=${toDisplay(q.commonName)}  ${q.role === 'ca' ? '(CA: no SANs)' : toDisplay(sansOf(q)) || '(no SAN)'}`,
              width,
            )}
          </Text>
        );
      })}
      {r ? (
        <>
          <Box>
            <Text {...tone(theme, field === 'cn' ? 'accent' : 'muted')}>CN: </Text>
            <TextView value={r.commonName} focus={field === 'cn'} maxShown={width - 8} />
          </Box>
          <Box>
            <Text {...tone(theme, field === 'sans' ? 'accent' : 'muted')}>SANs: </Text>
            <TextView
              value={r.role === 'ca' ? '' : sansText}
              focus={field === 'sans'}
              maxShown={width - 8}
              placeholder={r.role === 'ca' ? 'a CA has none' : 'names and addresses'}
            />
          </Box>
        </>
      ) : null}
      <Text {...tone(theme, 'muted')} wrap="truncate">
        {fitWidth(`↑/↓ certificate · Tab CN/SANs · Ctrl-L adds ${OFFERED.join(', ')} · Enter on`, width)}
      </Text>
      {missing.length ? (
        <Text {...tone(theme, 'warning')} wrap="truncate">
          {fitWidth(
            `! No SAN covers node${missing.length > 1 ? 's' : ''} ${missing.map(toDisplay).join(', ')}: clients reaching ${missing.length > 1 ? 'them' : 'it'} fail the hostname check (SEC004)`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
