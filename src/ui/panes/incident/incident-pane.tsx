// The Incident pane (key 6): the list of incidents, or one incident's guided steps (evidence,
// findings, contain, investigate, remediate, close). The list is read from disk when shown.
import { useEffect } from 'react';
import { useApp, useAppState } from '../../app-context.js';
import { IncidentView } from './incident-view.js';
import { ListView } from './list-view.js';

export function IncidentPane({ width, height }: { width: number; height: number }) {
  const { actions } = useApp();
  const open = useAppState((s) => s.incident.open);
  useEffect(() => actions.incident.enter(), [actions]);
  if (open) return <IncidentView inc={open} width={width} height={height} />;
  return <ListView width={width} height={height} />;
}
