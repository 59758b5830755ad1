// The one overlay on screen, if any: help, palette, journal, a confirmation, a form, a prompt.
import { useApp, useAppState } from './app-context.js';
import { Confirm } from './components/confirm.js';
import { paneOverlay } from './panes/registry.js';
import { SecretOnce } from './shell/secret-once.js';
import { Help } from './shell/help.js';
import { JournalView } from './shell/journal/journal-view.js';
import { Palette } from './shell/palette.js';
import { PasswordPrompt } from './shell/password-prompt.js';

export function Overlays({
  width,
  height,
  list,
  themes,
}: {
  width: number;
  height: number;
  list: boolean;
  themes: string[];
}) {
  const { actions } = useApp();
  const overlay = useAppState((s) => s.ui.overlay);
  if (!overlay) return null;
  // A pane's own overlays (forms, editors) come from its spec; the shell's are drawn here.
  const own = paneOverlay(overlay, { width, height, themes });
  if (own !== undefined) return own;
  switch (overlay.kind) {
    case 'help':
      return <Help width={width} height={height} list={list} />;
    case 'palette':
      return <Palette text={overlay.text} width={width} height={height} />;
    case 'journal':
      return <JournalView width={width} height={height} />;
    case 'password':
      return (
        <PasswordPrompt
          profile={overlay.profile}
          purpose={overlay.purpose}
          title={overlay.title}
          onSubmit={overlay.onSubmit}
          width={width}
        />
      );
    case 'secret':
      return <SecretOnce title={overlay.title} secret={overlay.secret} note={overlay.note} width={width} />;
    case 'confirm': {
      const r = overlay.request;
      return (
        <Confirm
          title={r.title}
          lines={r.lines}
          typed={r.typed}
          confirmLabel={r.confirmLabel}
          alternatives={r.alternatives?.map((a) => ({
            ...a,
            run: () => {
              actions.ui.close();
              void a.run();
            },
          }))}
          width={width}
          onCancel={() => {
            actions.ui.close();
            actions.ui.say('Cancelled; nothing was changed.', 'info');
          }}
          onConfirm={() => {
            actions.ui.close();
            void r.onConfirm();
          }}
        />
      );
    }
    default:
      return null;
  }
}
