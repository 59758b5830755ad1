/** Quotes a value for redis.conf when it holds anything sdssplitargs would split or unescape. */
export function quoteConfigValue(value: string): string {
  if (/^[\x21-\x7e]+$/.test(value) && !/["'\\]/.test(value)) return value;
  const escaped = [...Buffer.from(value, 'utf8')]
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      if (byte >= 0x20 && byte < 0x7f) return ch;
      return `\\x${byte.toString(16).padStart(2, '0')}`;
    })
    .join('');
  return `"${escaped}"`;
}

export interface ConfigInput {
  dir: string;
  port: number;
  tlsPort?: number;
  bind: string;
  password?: string;
  masterauth?: string;
  aclfile?: string;
  tls?: { certPath: string; keyPath: string; caPath: string; authClients: 'yes' | 'no' };
  socketPath?: string;
  extraConfig?: string[];
}

/** The redis.conf for a throwaway test server: no persistence, loopback, its own dir and log. */
export function buildConfig(input: ConfigInput): string {
  const q = quoteConfigValue;
  const lines = [
    'daemonize no',
    `bind ${input.bind}`,
    `port ${input.port}`,
    `dir ${q(input.dir)}`,
    `logfile ${q(`${input.dir}/redis.log`)}`,
    'save ""',
    'appendonly no',
    // Diskless sync starts after a delay (5 s by default); replicas in tests should attach at once.
    'repl-diskless-sync-delay 0',
  ];
  if (input.password !== undefined) lines.push(`requirepass ${q(input.password)}`);
  if (input.masterauth !== undefined) lines.push(`masterauth ${q(input.masterauth)}`);
  if (input.aclfile) lines.push(`aclfile ${q(input.aclfile)}`);
  if (input.tls) {
    lines.push(
      `tls-port ${input.tlsPort ?? 0}`,
      `tls-cert-file ${q(input.tls.certPath)}`,
      `tls-key-file ${q(input.tls.keyPath)}`,
      `tls-ca-cert-file ${q(input.tls.caPath)}`,
      `tls-auth-clients ${input.tls.authClients}`,
    );
  }
  if (input.socketPath) lines.push(`unixsocket ${q(input.socketPath)}`, 'unixsocketperm 700');
  lines.push(...(input.extraConfig ?? []));
  return lines.join('\n') + '\n';
}
