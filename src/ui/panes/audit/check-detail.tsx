// One result: its evidence, fix (commands, redis.conf and ACL lines, what F applies), the grant
// an unknown needs, the seed's section and how the check went on every node. ↑/↓ scroll.
import { Box } from 'ink';
import { useState } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { useDetailKeys } from '../../hooks/use-detail-keys.js';
import type { CheckResult } from '../../../domain/audit/types.js';
import { clampOffset, LinesView } from './lines-view.js';
import { detailLines } from './lines.js';
import { useAuditCommands } from './use-audit-commands.js';

export function CheckDetail({
  result,
  width,
  height,
}: {
  result: CheckResult;
  width: number;
  height: number;
}) {
  const { actions } = useApp();
  const report = useAppState((s) => s.audit.report);
  const [offset, setOffset] = useState(0);
  const lines = detailLines(result, report, width);
  const onCommand = useAuditCommands();
  const scroll = (by: number) => setOffset((o) => clampOffset(o + by, lines.length, height - 1));
  useDetailKeys(
    'audit',
    () => actions.audit.close(),
    (b) => {
      if (b.id === 'list.up') return scroll(-1);
      if (b.id === 'list.down') return scroll(1);
      if (b.id === 'list.pageUp') return scroll(-(height - 2));
      if (b.id === 'list.pageDown') return scroll(height - 2);
      if (b.id === 'audit.fix') onCommand(b.id, result);
    },
  );
  return (
    <Box flexDirection="column" width={width}>
      <LinesView lines={lines} offset={offset} width={width} height={height} />
    </Box>
  );
}
