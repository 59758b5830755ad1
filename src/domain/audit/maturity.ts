// The maturity level: the highest level whose checks (and every lower level's) all pass. A
// warn does not block; a fail does; an unknown blocks too (it is never a pass), and the report
// names the grant that would settle it. A cluster is its lowest node, and cluster-wide checks
// count for every node. Pure.
import { LEVELS } from './types.js';
import type { AuditReport, CheckResult, Level, NextLevel, NodeReport, Reached } from './types.js';

const blocks = (r: CheckResult) => r.status === 'fail' || r.status === 'unknown';

const rank = (reached: Reached): number => (reached === 'none' ? -1 : LEVELS.indexOf(reached));

/** The highest level whose checks all pass (levels are cumulative: High needs Basic's too). */
export function levelOf(results: readonly CheckResult[]): Reached {
  let reached: Reached = 'none';
  for (const level of LEVELS) {
    if (results.some((r) => r.level === level && blocks(r))) break;
    reached = level;
  }
  return reached;
}

/** A node's results together with the cluster-wide ones, which count for every node. */
export function nodeLevel(node: NodeReport, cluster: readonly CheckResult[]): Reached {
  return levelOf([...node.results, ...cluster]);
}

/** The lowest of the nodes' levels ('none' when there is no node). */
export function lowest(levels: readonly Reached[]): Reached {
  if (levels.length === 0) return 'none';
  return levels.reduce((a, b) => (rank(b) < rank(a) ? b : a));
}

/** The level after `reached`, or undefined at Paranoid. */
export function levelAfter(reached: Reached): Level | undefined {
  return LEVELS[rank(reached) + 1];
}

/**
 * What the next level needs: the failing or unknown checks of that level (or a lower one not
 * yet passed: none, since the level reached passed them) on the lowest nodes and the cluster.
 */
export function nextLevel(
  nodes: readonly NodeReport[],
  cluster: readonly CheckResult[],
  reached: Reached,
): NextLevel | undefined {
  const level = levelAfter(reached);
  if (!level) return undefined;
  const held = nodes.filter((n) => n.reached === reached);
  const needs = [...held.flatMap((n) => n.results), ...cluster].filter((r) => r.level === level && blocks(r));
  return { level, nodes: held.map((n) => n.node), needs };
}

/** "below Basic", "Standard": a level as the pane and the reports name it. */
export const levelName = (r: Reached): string =>
  r === 'none' ? 'below Basic' : `${r[0]!.toUpperCase()}${r.slice(1)}`;

/**
 * The report's level as shown: never a level for a target none of whose nodes could be read
 * (it was not seen: not "below Basic"), and the nodes not read named beside a level.
 */
export function reportLevel(report: Pick<AuditReport, 'reached' | 'nodes'>): {
  text: string;
  known: boolean;
} {
  const unread = report.nodes.filter((n) => n.unreachable !== undefined).length;
  if (report.nodes.length > 0 && unread === report.nodes.length)
    return { text: 'not known: no node could be read', known: false };
  const text = levelName(report.reached);
  return { text: unread ? `${text} (${unread} node${unread === 1 ? '' : 's'} not read)` : text, known: true };
}
