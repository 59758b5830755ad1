// Step 8's text: the files written (with their modes) and verified, the redis.conf TLS block,
// the ACL line and the client snippets. Paths and names are the operator's or a certificate's:
// through toDisplay.
import { toDisplay } from '../../../domain/display.js';
import type { CertsSlice } from '../../../state/certs-slice.js';
import type { Line } from './report-lines.js';

const mode = (m: number) => m.toString(8).padStart(4, '0');

export function nextLines(c: CertsSlice): Line[] {
  const r = c.result;
  const n = c.next;
  if (!r || !n) return [{ text: 'Nothing written yet.', tone: 'muted' }];
  const verified = r.verified.every((v) => v.ok);
  return [
    ...r.written.map((w) => ({ text: `wrote ${mode(w.mode)} ${toDisplay(w.path)}`, tone: 'ok' as const })),
    verified
      ? { text: `verified: ${r.verified.length} certificate(s) chain to the CA`, tone: 'ok' }
      : {
          text: `NOT verified: ${r.verified
            .filter((v) => !v.ok)
            .map((v) => `${toDisplay(v.file)} (${toDisplay(v.error ?? '')})`)
            .join(', ')}`,
          tone: 'danger',
        },
    ...(n.conf.length
      ? [
          { text: 'redis.conf:', tone: 'accent' as const },
          ...n.conf.map((l) => ({ text: `  ${toDisplay(l)}`, tone: 'text' as const })),
        ]
      : []),
    ...(n.acl?.length
      ? [
          { text: 'ACL (users.acl) for the client certificate:', tone: 'accent' as const },
          ...n.acl.map((l) => ({ text: `  ${toDisplay(l)}`, tone: 'text' as const })),
        ]
      : []),
    { text: 'redis-cli:', tone: 'accent' },
    { text: `  ${toDisplay(n.snippets.redisCli)}`, tone: 'text' },
    { text: 'ioredis:', tone: 'accent' },
    { text: `  ${toDisplay(n.snippets.ioredis)}`, tone: 'text' },
    { text: 'redis-py:', tone: 'accent' },
    { text: `  ${toDisplay(n.snippets.redisPy)}`, tone: 'text' },
    ...(c.reload ? [{ text: `reload: ${toDisplay(c.reload.text)}`, tone: c.reload.tone }] : []),
  ];
}
