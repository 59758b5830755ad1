// The preview of every certificate before anything is written: a small static table
// (@alcalzone/ink-table: a few rows drawn once, a window of them when the terminal is short;
// see README "Tables: which one where"). Every cell is a certificate value: through toDisplay.
import { basename } from 'node:path';
import { fitWidth, toDisplay } from '../../../domain/display.js';
import { StaticTable } from '../../components/static-table.js';
import type { CertPreview } from '../../../state/actions/certs-ops.js';

type Row = Record<string, string>;

const USAGE: Record<string, string> = {
  serverAuth: 'server',
  clientAuth: 'client',
  keyCertSign: 'CA',
  cRLSign: 'CA',
};

/** The rows, each cell cut so the table fits `width` (the SANs take what is left). */
export function previewRows(items: readonly CertPreview[], width: number): Row[] {
  const sansWidth = Math.max(8, width - 72);
  return items.map((p) => ({
    file: fitWidth(toDisplay(basename(p.file)), 12),
    subject: fitWidth(toDisplay(p.subject), 16),
    SANs: fitWidth([...p.dnsNames, ...p.ipAddresses].map(toDisplay).join(',') || '-', sansWidth),
    // The extended usages (and CA) only: digitalSignature and the path length would not fit.
    usages: [...new Set(p.usages.flatMap((u) => USAGE[u] ?? []))].join('+') || '-',
    until: toDisplay(p.notAfter.slice(0, 10)),
    key: toDisplay(p.key.replace(/^ECDSA /, '')),
  }));
}

export function PreviewTable({ rows }: { rows: Row[] }) {
  return <StaticTable data={rows} />;
}
