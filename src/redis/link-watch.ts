// What a node's links have shown of the peer, for saying what is there when it is not a
// Redis that answers: the first bytes it sent (an HTTP or SSH banner, a TLS record), when
// the link came up (a silent server), and, with TLS, since when TCP is up with the handshake
// unanswered (most likely a plain port). The NodeConnection feeds it ioredis's link events.
import type { Redis } from 'ioredis';
import type { Explained } from './errors.js';
import { noTlsAnswer, notRedis } from './peer.js';

export class LinkWatch {
  /** What the server sent first on this link (undefined: no link yet), at most 64 bytes. */
  firstBytes: Buffer | undefined;
  private linkedAt = 0;
  /** TLS: since when TCP connections are accepted and the handshake goes unanswered (0: not so). */
  private tlsStalledSince = 0;
  /** TLS: whether the current link's handshake completed. */
  private secured = false;

  constructor(private readonly tls: boolean) {}

  /** ioredis says "connecting": with TLS, note when TCP is up (a tick later it has a socket). */
  connecting(redis: Redis): void {
    this.secured = false;
    if (!this.tls) return;
    setImmediate(() => {
      const stream = redis.stream as { connecting?: boolean; destroyed?: boolean } | undefined;
      const up = () => {
        if (!this.secured) this.tlsStalledSince ||= Date.now();
      };
      if (!stream || stream.destroyed) return;
      if (!stream.connecting) up();
      else redis.stream.once('connect', up);
    });
  }

  /** ioredis says "connect" (after the handshake, with TLS): keep the first bytes, before its parser. */
  linked(redis: Redis): void {
    const stream = redis.stream;
    this.secured = true;
    this.tlsStalledSince = 0;
    this.firstBytes = Buffer.alloc(0);
    this.linkedAt = Date.now();
    const peek = (chunk: Buffer) => {
      this.firstBytes = Buffer.concat([this.firstBytes ?? Buffer.alloc(0), chunk]).subarray(0, 64);
      if (this.firstBytes.length >= 64) stream.off('data', peek);
    };
    stream.prependListener('data', peek);
  }

  /** TLS: how long TCP has been up with the handshake unanswered; undefined when it is not so. */
  tlsStalledMs(): number | undefined {
    return this.tlsStalledSince ? Date.now() - this.tlsStalledSince : undefined;
  }

  /**
   * Why a node that never became ready has not answered, when its links say: a TLS handshake
   * never answered (likely a plain port), or a link up and the server silent. Undefined when
   * nothing is known (no TCP connection at all).
   */
  noAnswer(): Explained | undefined {
    if (this.tls && !this.secured) {
      const stalled = this.tlsStalledMs();
      return stalled === undefined ? undefined : noTlsAnswer(stalled);
    }
    if (this.firstBytes?.length !== 0) return undefined;
    return notRedis('silent', undefined, Date.now() - this.linkedAt);
  }
}
