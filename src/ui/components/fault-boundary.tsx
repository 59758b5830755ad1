// A fault in one pane or overlay must not take the console down with the operator's
// session: it is shown in place, and switching pane or closing the overlay tries again.
import { Text } from 'ink';
import { Component } from 'react';
import type { ReactNode } from 'react';
import { safeErrorMessage } from '../../domain/redact.js';
import { toDisplay } from '../../domain/display.js';
import { useTheme } from '../theme/context.js';
import { tone } from '../theme/tone.js';

interface Props {
  /** When this changes (another pane, overlay closed), the boundary tries again. */
  resetKey: string;
  children: ReactNode;
}

export class FaultBoundary extends Component<Props, { error?: unknown; key: string }> {
  override state: { error?: unknown; key: string } = { key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error?: unknown; key: string }) {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return <FaultView error={this.state.error} />;
  }
}

function FaultView({ error }: { error: unknown }) {
  const theme = useTheme();
  return (
    <Text {...tone(theme, 'danger')} wrap="wrap">
      {`This view failed: ${toDisplay(safeErrorMessage(error))}. Nothing was changed by it; switch pane (or close the overlay) to try again, q quits.`}
    </Text>
  );
}
