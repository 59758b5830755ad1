import { useEffect, useState } from 'react';
import { useApp } from '../../app-context.js';
import type { JournalScan } from '../../../journal/journal.js';

/** The journal's newest entries, read again whenever the file grows, while the view is open. */
export function useJournal(): JournalScan {
  const { actions } = useApp();
  const [scan, setScan] = useState<JournalScan>(() => actions.journal.scan());
  useEffect(() => actions.journal.watch(() => setScan(actions.journal.scan())), [actions]);
  return scan;
}
