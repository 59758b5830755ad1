// Provider stack and layout only: header, tabs, pane, status bar, overlays.
import { Box, useInput } from 'ink';
import type { Key } from 'ink';
import { AppContext, useApp, useAppState } from './app-context.js';
import type { AppContextValue } from './app-context.js';
import { bindingsFor } from './keymap/bindings.js';
import { keyInput, keyName, match } from './keymap/match.js';
import { Overlays } from './overlays.js';
import { FaultBoundary } from './components/fault-boundary.js';
import { editText } from './components/edit-text.js';
import { movePalette, runPalette } from './shell/palette.js';
import { isListPane, nextPane, PaneView } from './panes/registry.js';
import { ConnectionProblem, describeProblem } from './shell/connection-problem.js';
import { Header } from './shell/header.js';
import { messageRows, StatusBar } from './shell/status-bar.js';
import { Tabs } from './shell/tabs.js';
import { ThemeProvider } from './theme/context.js';
import { loadTheme } from './theme/load.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { Theme } from './theme/tokens.js';

function GlobalKeys() {
  const { actions, quit, store, paneKeys } = useApp();
  // A key the palette ran (Enter on an entry): handed to this same handler once the palette
  // has closed and the pane has drawn again, so the pane's own handler is the live one. The
  // tick makes that render happen even when ':', the text and Enter came in one burst (the
  // overlay then opened and closed between two renders, and nothing else would re-render).
  const palettePicked = useRef<string | undefined>(undefined);
  const [picks, setPicks] = useState(0);
  const onKey = (input: string, key: Key): boolean | void => {
    // Read the store at key time, not the last render: keys can arrive between renders.
    const { ui, session } = store.get();
    const { pane, overlay, filtering } = ui;
    const filter = ui.filters[pane] ?? '';
    const readOnly = session.readOnly;
    const name = keyName(input, key);
    if (name === 'ctrl+c') return quit();
    // The palette and the filter line are edited here, from the store, rather than by an
    // input component that mounts a frame later: keys typed right after ':' or '/' count.
    if (overlay?.kind === 'palette') {
      if (name === 'escape') return actions.ui.close();
      if (name === 'return') {
        palettePicked.current = runPalette(store.get(), actions);
        if (palettePicked.current !== undefined) setPicks((n) => n + 1);
        return;
      }
      const step = { up: -1, down: 1, pageup: -10, pagedown: 10 }[name];
      if (step) return actions.ui.open({ ...overlay, selected: movePalette(store.get(), step) });
      const next = editText(overlay.text, input, key, 64);
      if (next !== undefined) actions.ui.open({ kind: 'palette', text: next, selected: 0 });
      return;
    }
    if (overlay) {
      if (name === 'escape' && overlay.kind === 'help') actions.ui.close();
      // A small terminal cannot show every key at once: the help scrolls.
      if (overlay.kind === 'help') {
        const step = { up: -1, k: -1, down: 1, j: 1, pageup: -10, pagedown: 10 }[name];
        if (step) actions.ui.open({ kind: 'help', offset: Math.max(0, (overlay.offset ?? 0) + step) });
      }
      return;
    }
    if (filtering) {
      if (name === 'escape') {
        actions.ui.setFilter(pane, '');
        actions.ui.setFiltering(false);
      } else if (name === 'return') {
        actions.ui.setFiltering(false);
      } else {
        const next = editText(filter, input, key, 256);
        if (next !== undefined) actions.ui.setFilter(pane, next);
      }
      return;
    }
    const b = match(bindingsFor(pane, { readOnly, list: false }), name);
    if (!b || b.scope !== 'global') return paneKeys.current?.(input, key);
    if (b.id.startsWith('pane.') && b.id !== 'pane.next' && b.id !== 'pane.prev')
      return actions.ui.goPane(b.id.slice(5));
    switch (b.id) {
      case 'pane.next':
        return actions.ui.goPane(nextPane(pane, 1));
      case 'pane.prev':
        return actions.ui.goPane(nextPane(pane, -1));
      case 'app.help':
        return actions.ui.open({ kind: 'help' });
      case 'app.palette':
        return actions.ui.open({ kind: 'palette', text: '' });
      case 'app.journal':
        return actions.ui.open({ kind: 'journal' });
      case 'app.refresh':
        return actions.refresh();
      case 'app.quit':
        return quit();
      case 'app.back':
        // The pane goes back first (a detail view to its list); then the filter is cleared.
        if (paneKeys.current?.(input, key) === true) return;
        if (filter) actions.ui.setFilter(pane, '');
        return;
    }
  };
  useInput(onKey);
  useEffect(() => {
    const picked = palettePicked.current;
    if (picked === undefined || store.get().ui.overlay) return;
    palettePicked.current = undefined;
    onKey(...keyInput(picked));
  }, [picks]); // onKey reads the store at call time: the tick is all that matters
  return null;
}

function Layout({ themes }: { themes: string[] }) {
  const { columns, rows } = useTerminalSize();
  const pane = useAppState((s) => s.ui.pane);
  const overlay = useAppState((s) => s.ui.overlay);
  const conn = useAppState((s) => s.connection);
  const typedPassword = useAppState((s) => s.session.typedPassword);
  const problem = describeProblem(conn, { typedPassword });
  const list = isListPane(pane);
  // One row less than the terminal: Ink clears the whole screen on every frame otherwise.
  const height = Math.max(10, rows - 1);
  const message = useAppState((s) => s.ui.message);
  const messageLines = messageRows(message?.text, columns);
  const bodyHeight = height - 3 - messageLines - (problem?.lines.length ?? 0);
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <GlobalKeys />
      <Header width={columns} />
      <Tabs width={columns} />
      {problem ? <ConnectionProblem problem={problem} width={columns} /> : null}
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        <FaultBoundary
          resetKey={`${pane}:${overlay?.kind ?? ''}:${overlay?.kind === 'pane' ? overlay.view : ''}`}
        >
          {overlay ? (
            <Overlays width={columns} height={bodyHeight} list={list} themes={themes} />
          ) : (
            <PaneView pane={pane} width={columns} height={bodyHeight} />
          )}
        </FaultBoundary>
      </Box>
      <StatusBar width={columns} list={list} rows={messageLines} />
    </Box>
  );
}

/** The theme in force (--theme, else the profile's); a broken theme file falls back to default and says so. */
function Themed({ noColor, children }: { noColor: boolean; children: ReactNode }) {
  const { actions } = useApp();
  const name = useAppState((s) => s.session.theme);
  const [theme, problem] = useMemo((): [Theme, string | undefined] => {
    try {
      return [loadTheme(name, { noColor }), undefined];
    } catch (err) {
      return [loadTheme('default', { noColor }), err instanceof Error ? err.message : String(err)];
    }
  }, [name, noColor]);
  useEffect(() => {
    if (problem) actions.ui.say(`${problem}; using the default theme`, 'warning');
  }, [problem, actions]);
  return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}

export function App({ ctx, themes, noColor }: { ctx: AppContextValue; themes: string[]; noColor: boolean }) {
  return (
    <AppContext.Provider value={ctx}>
      <Themed noColor={noColor}>
        <Layout themes={themes} />
      </Themed>
    </AppContext.Provider>
  );
}
