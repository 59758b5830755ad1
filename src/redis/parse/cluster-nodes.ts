// CLUSTER NODES reply -> typed nodes. Pure.
export interface ClusterNodeLine {
  id: string;
  host: string;
  port: number;
  flags: string[];
  primaryId?: string;
  linkState: string;
  slots: string[];
  myself: boolean;
  role: 'primary' | 'replica' | 'unknown';
  failing: boolean;
}

export function parseClusterNodes(text: string): ClusterNodeLine[] {
  const out: ClusterNodeLine[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts.length < 8) continue;
    const [id, addr, flagText, primary, , , , linkState, ...slots] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    // ip:port@cport[,hostname]; IPv6 ips contain colons, so split on the last one.
    const hostPort = addr.split('@')[0] ?? '';
    const i = hostPort.lastIndexOf(':');
    const host = hostPort.slice(0, i);
    const port = Number(hostPort.slice(i + 1));
    const flags = flagText.split(',');
    if (!host || !Number.isInteger(port) || port <= 0) continue;
    out.push({
      id,
      host,
      port,
      flags,
      primaryId: primary === '-' ? undefined : primary,
      linkState,
      slots,
      myself: flags.includes('myself'),
      role: flags.includes('master') ? 'primary' : flags.includes('slave') ? 'replica' : 'unknown',
      failing: flags.includes('fail') || flags.includes('fail?') || flags.includes('noaddr'),
    });
  }
  return out;
}
