// Turns whatever a connection or command threw into an operator-facing explanation,
// keyed by the security guide's error codes (SEC001-SEC005) and its troubleshooting fixes.
import { safeErrorMessage } from '../domain/redact.js';
import { lookOf, noTlsAnswer, notRedis } from './peer.js';

export type SecCode = 'SEC001' | 'SEC002' | 'SEC003' | 'SEC004' | 'SEC005';

export interface Explained {
  /** The guide's code, when the failure is one of the five security errors. */
  code?: SecCode;
  /** Short name: NOAUTH, WRONGPASS, NOPERM, TLS_CERT, PROTECTED, UNREACHABLE, TIMEOUT, ... */
  name: string;
  /** The server's or the socket's message, redacted. */
  message: string;
  /** What it means, in one sentence. */
  cause: string;
  /** What to do about it (the guide's troubleshooting steps). */
  fix: string[];
  /** False when retrying the same thing cannot help (a wrong password, a bad certificate). */
  retryable: boolean;
}

const TLS_FIXES = {
  chain: [
    'Pass the CA that signed the server certificate: --cacert ca.crt (or --cacertdir).',
    'Check the chain: openssl verify -CAfile ca.crt redis.crt',
    'Do not turn verification off globally; --insecure is for a one-off look only.',
  ],
  host: [
    'Connect with a name the certificate holds, or pass --sni NAME.',
    'See the names it holds: openssl x509 -in redis.crt -noout -text | grep DNS',
  ],
  clientCert: [
    'The server requires a client certificate (tls-auth-clients yes): pass --cert client.crt --key client.key --cacert ca.crt.',
  ],
  dates: ['Check the certificate dates: openssl x509 -in redis.crt -noout -dates'],
};

function tls(message: string, cause: string, fix: string[]): Explained {
  return { code: 'SEC004', name: 'TLS_CERT', message, cause, fix, retryable: false };
}

const tlsFile = (message: string, cause: string, fix: string[]): Explained => ({
  ...tls(message, cause, fix),
  name: 'TLS_FILE',
});

/** Missing permission named in a NOPERM reply ("... to run the 'config|get' command"). */
export function missingPermission(message: string): string | undefined {
  const m =
    /permissions to (?:run the '([^']+)' command|access (?:one of the keys|one of the channels))/.exec(
      message,
    );
  if (!m) return undefined;
  return m[1]
    ? `+${m[1]}`
    : message.includes('channels')
      ? 'a channel pattern (&...)'
      : 'a key pattern (~...)';
}

/** " (needs +client|kill)" for a NOPERM: the permission Redis named, else `fallback`; '' otherwise. */
export function needsHint(e: Explained, fallback?: string): string {
  if (e.code !== 'SEC003') return '';
  const perm = missingPermission(e.message) ?? fallback;
  return perm ? ` (needs ${perm})` : '';
}

export function explain(err: unknown, secrets: readonly string[] = []): Explained {
  const message = safeErrorMessage(err, secrets);
  const code = (err as { code?: unknown } | null)?.code;
  const c = typeof code === 'string' ? code : '';
  if (/^NOAUTH\b/.test(message) || /Authentication required/i.test(message)) {
    return {
      code: 'SEC001',
      name: 'NOAUTH',
      message,
      retryable: false,
      cause: 'The server requires authentication and none was given.',
      fix: [
        'Give a password: REDISCLI_AUTH, --askpass or a profile password source (AUTH password).',
        'With ACL users also give --user (AUTH username password).',
      ],
    };
  }
  if (/^WRONGPASS\b/.test(message) || /invalid (username-)?password/i.test(message)) {
    return {
      code: 'SEC002',
      name: 'WRONGPASS',
      message,
      retryable: false,
      cause:
        'The username/password pair is wrong, or the user is disabled. Retrying stopped so the ACL LOG is not flooded.',
      fix: [
        'Check the credentials and the user name (--user).',
        'Check that the user exists and is on: ACL GETUSER username (as an admin).',
      ],
    };
  }
  if (/^NOPERM\b/.test(message)) {
    const perm = missingPermission(message);
    return {
      code: 'SEC003',
      name: 'NOPERM',
      message,
      retryable: false,
      cause: perm ? `The console's user lacks ${perm}.` : "The console's user is not allowed to do this.",
      fix: [
        'See who you are and what you may do: ACL WHOAMI, then ACL GETUSER <user> as an admin.',
        perm ? `Grant it: ACL SETUSER <user> ${perm}` : 'Grant the permission with ACL SETUSER.',
      ],
    };
  }
  if (/^DENIED\b/.test(message) || /protected mode/i.test(message)) {
    return {
      code: 'SEC005',
      name: 'PROTECTED',
      message,
      retryable: false,
      cause: 'The server is in protected mode: no password is set and the connection is not from loopback.',
      fix: [
        'Set a password (requirepass, or ACL users) — preferred.',
        'Or bind to specific interfaces (bind 10.0.0.1 127.0.0.1).',
        'Disabling protected-mode is NOT recommended.',
      ],
    };
  }
  if (
    c === 'SELF_SIGNED_CERT_IN_CHAIN' ||
    c === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
    c === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    c === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
    /self[- ]signed certificate|unable to verify|certificate verify failed/i.test(message)
  ) {
    return tls(message, 'The server certificate is not signed by a CA this console trusts.', TLS_FIXES.chain);
  }
  if (c === 'ERR_TLS_CERT_ALTNAME_INVALID' || /Hostname\/IP does not match/i.test(message)) {
    return tls(message, 'The server certificate does not name the host you connected to.', TLS_FIXES.host);
  }
  if (
    c === 'CERT_HAS_EXPIRED' ||
    c === 'CERT_NOT_YET_VALID' ||
    /certificate has expired|not yet valid/i.test(message)
  ) {
    return tls(message, 'The server certificate is outside its validity dates.', TLS_FIXES.dates);
  }
  if (
    /certificate required|alert number 116|tlsv13 alert certificate required|handshake failure/i.test(message)
  ) {
    return tls(
      message,
      'The server requires a client certificate (mTLS) and none, or an untrusted one, was sent.',
      TLS_FIXES.clientCert,
    );
  }
  if (
    /wrong version number|packet length too long|unknown protocol|EPROTO/i.test(message) ||
    c === 'EPROTO'
  ) {
    return tls(
      message,
      'TLS and plain text do not match: a TLS client on a plain port, or the other way round.',
      ['Use --tls for a TLS port (tls-port), leave it off for a plain one (port).'],
    );
  }
  if (c === 'TLS_FILE') {
    return tlsFile(
      message,
      'A certificate or key file given for TLS is not usable: nothing was sent to the server.',
      [
        'Point --cacert at the CA certificate (PEM), --cert at the client certificate and --key at its private key.',
        'See what a file holds: openssl x509 -in FILE -noout -subject (a certificate), openssl pkey -in FILE -noout (a key).',
      ],
    );
  }
  if (c === 'ENOENT' && /\.(crt|pem|key)|cert|key/i.test(message)) {
    return tls(message, 'A certificate or key file could not be read.', [
      'Check the path and that this user may read it.',
    ]);
  }
  if ((c === 'ENOENT' || /ENOENT/.test(message)) && /connect/i.test(message)) {
    return {
      name: 'UNREACHABLE',
      message,
      retryable: true,
      cause: 'No such unix socket: the server is down or uses another path.',
      fix: ['Check the path (CONFIG GET unixsocket) and that the server is running.'],
    };
  }
  if (c === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) {
    return {
      name: 'UNREACHABLE',
      message,
      retryable: true,
      cause: 'Nothing is listening there (server down, wrong port).',
      fix: [
        'Check the server is running and the host/port.',
        'Check the firewall allows the connection and bind includes this address (CONFIG GET bind).',
      ],
    };
  }
  if (c === 'ECONNRESET' || /ECONNRESET|socket hang up/.test(message)) {
    return {
      name: 'RESET',
      message,
      retryable: true,
      cause:
        'The server closed the connection. With TLS this is often a missing client certificate (tls-auth-clients yes).',
      fix: ['If the server uses mTLS pass --cert and --key.', 'Check the server log for the reason.'],
    };
  }
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN') {
    return {
      name: 'DNS',
      message,
      retryable: true,
      cause: 'The host name does not resolve.',
      fix: ['Check the host name, or use an IP address.'],
    };
  }
  if (/timed? ?out|ETIMEDOUT/i.test(message)) {
    return {
      name: 'TIMEOUT',
      message,
      retryable: true,
      cause: 'The server did not answer in time (slow, blocked, or unreachable).',
      fix: [
        'Check latency (LATENCY LATEST) and long-running commands (SLOWLOG GET).',
        'Check the network path and firewall.',
      ],
    };
  }
  if (/Unknown RESP type|Protocol error/i.test(message)) {
    return { ...notRedis('other', undefined), message: 'the reply is not in the Redis protocol' };
  }
  // ioredis's words for a link that closed while a command waited for its reply: the command
  // had been written, so the link was there when it was sent.
  if (/max retries per request|^Connection is closed/i.test(message)) {
    return {
      name: 'DISCONNECTED',
      message: 'the connection closed before the reply came',
      retryable: true,
      cause:
        'The link dropped after the command was sent: it may or may not have run. It reconnects by itself.',
      fix: ['Re-read the state before doing it again.'],
    };
  }
  if (/Stream isn't writeable|not connected/i.test(message)) {
    return {
      name: 'DISCONNECTED',
      message: 'not connected',
      retryable: true,
      cause: 'The connection to this node is down; it reconnects by itself.',
      fix: ['Wait for it to reconnect, or press r to retry now.'],
    };
  }
  const lever = containmentError(message);
  if (lever) return lever;
  return {
    name: 'ERROR',
    message,
    retryable: true,
    cause: 'The server or the connection reported an error.',
    fix: [],
  };
}

export interface ConnectContext {
  tls: boolean;
  clientCert: boolean;
  /** A user was named but no password given (ioredis then sends AUTH user ""). */
  userWithoutPassword?: string;
  /** Has this connection ever been ready? A reset before that is a handshake problem. */
  everReady: boolean;
  /** The first bytes the server sent on this link: what it is, when it is not Redis. */
  firstBytes?: Buffer;
  /** TLS: how long TCP has been up with the handshake unanswered (undefined: TCP never came up). */
  tlsStalledMs?: number;
}

/**
 * A reset before the first ready has a likely cause that only the connection knows:
 * an mTLS server dropping a client without a certificate, or a plain client on a TLS port.
 */
export function explainConnect(
  err: unknown,
  ctx: ConnectContext,
  secrets: readonly string[] = [],
): Explained {
  const e = explain(err, secrets);
  if (e.name === 'NOT_REDIS') return notRedis(lookOf(ctx.firstBytes), ctx.firstBytes);
  if (e.code === 'SEC002' && ctx.userWithoutPassword !== undefined) {
    return {
      ...e,
      cause: `No password was given for user ${ctx.userWithoutPassword}.`,
      fix: ['Give it with REDISCLI_AUTH, --askpass, or the profile password source.'],
    };
  }
  // TCP up, the handshake unanswered: most likely a plain port (the one explanation, peer.ts).
  if (e.name === 'TIMEOUT' && ctx.tls && !ctx.everReady && ctx.tlsStalledMs !== undefined)
    return noTlsAnswer(ctx.tlsStalledMs);
  if (e.name !== 'RESET' || ctx.everReady) return e;
  if (ctx.tls && !ctx.clientCert) {
    return tls(
      e.message,
      'The server closed the TLS connection at once: it requires a client certificate (tls-auth-clients yes) and none was sent.',
      TLS_FIXES.clientCert,
    );
  }
  if (!ctx.tls) {
    return tls(
      e.message,
      'The server closed the connection at once: this looks like a TLS port (tls-port) reached without --tls.',
      ['Add --tls and --cacert ca.crt (and --cert/--key for mTLS).'],
    );
  }
  return tls(
    e.message,
    'The server closed the TLS connection at once: it may not trust this client certificate.',
    [
      'Check the client certificate is signed by the CA the server trusts (tls-ca-cert-file).',
      ...TLS_FIXES.clientCert,
    ],
  );
}

// The containment levers' own refusals (security-anchors §4.3): each names the immutable setting
// behind it, since retrying the same command cannot help and the way out is the config file.
function containmentError(message: string): Explained | undefined {
  const is = (name: string, cause: string, fix: string[]): Explained => ({
    name,
    message,
    retryable: false,
    cause,
    fix,
  });
  if (/MODULE command not allowed/i.test(message))
    return is(
      'MODULE_DISABLED',
      'enable-module-command is no (or local, and this link is not local): the server refuses every MODULE command. It is immutable: only redis.conf and a restart change it.',
      [
        "Remove the module's loadmodule line from redis.conf (and the .so from disk) and restart: a restart is the unload.",
        'Or set enable-module-command local in redis.conf, restart, and run MODULE UNLOAD from the host.',
      ],
    );
  if (/can't set protected config/i.test(message))
    return is(
      'PROTECTED_CONFIG',
      'enable-protected-configs is no (or local, and this link is not local): dir and dbfilename cannot be set online. It is immutable: only redis.conf and a restart change it.',
      ['Put the dir and dbfilename lines in redis.conf and restart the server.'],
    );
  if (/Error unloading module: no such module/i.test(message))
    return is('NO_SUCH_MODULE', 'No module of that name is loaded (MODULE LIST names them).', [
      'Re-read MODULE LIST: the name is the one it shows, not the file name.',
    ]);
  if (/Error unloading module/i.test(message))
    return is(
      'MODULE_BUSY',
      'The module refuses to unload while it exports data types or APIs, holds timers or blocked clients.',
      [
        'Remove its loadmodule line from redis.conf (and the .so from disk) and restart.',
        'Block whoever loaded it first, so it is not loaded again.',
      ],
    );
  return undefined;
}
