// The journal, for the Journal view: read it, and hear when it grows. The console appends to it
// (every change), and so do headless commands run beside it in another terminal: the file's size
// and time are what change for both, so a watcher polls it (a stat, cheap) while the view is open.
import { statSync } from 'node:fs';
import type { Journal, JournalScan } from '../../journal/journal.js';

// The view shows the newest entries; a journal of years is not read whole on every append.
const SHOWN = 5000;
const POLL_MS = 500;

const stampOf = (file: string): string => {
  try {
    const st = statSync(file);
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return ''; // not written yet (or removed): an empty journal
  }
};

export function journalActions(journal: Journal) {
  return {
    path: journal.path,
    /** The newest entries (oldest first, as the file holds them) and how many lines were unreadable. */
    scan: (): JournalScan => journal.scan({ limit: SHOWN }),
    /** Calls onGrow when the file changes (size or time); returns the stop function. */
    watch(onGrow: () => void): () => void {
      let stamp = stampOf(journal.path);
      const timer = setInterval(() => {
        const now = stampOf(journal.path);
        if (now === stamp) return;
        stamp = now;
        onGrow();
      }, POLL_MS);
      timer.unref?.();
      return () => clearInterval(timer);
    },
  };
}

export type JournalActions = ReturnType<typeof journalActions>;
