// "A node is back": one that is ready now and was not at the last status change (a reconnect
// after a drop or a resync, or a cluster node found). Feeds poll at once then, and the Users
// list re-reads what a lost reply left in doubt, instead of waiting for the operator's r.
import type { Target } from '../redis/target.js';

const readyIds = (t: Target): Set<string> =>
  new Set(
    t
      .status()
      .nodes.filter((n) => n.state === 'ready')
      .map((n) => n.id),
  );

/** Calls back with the ids of nodes that became ready; returns the unsubscribe. */
export function onNodeBack(target: Target, back: (ids: string[]) => void): () => void {
  let ready = readyIds(target);
  return target.subscribe(() => {
    const now = readyIds(target);
    const came = [...now].filter((id) => !ready.has(id));
    ready = now;
    if (came.length) back(came);
  });
}
