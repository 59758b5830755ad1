// The chain from a certificate to a trusted CA among the files given: each link checked by
// src/pki (names, CA:TRUE, signature, key identifiers). Dates are judged per certificate
// (expired, not yet valid), so a chain is "ok" when every signature holds, as openssl verify
// would say once the dates are right.
import type { ChainFacts } from '../domain/certs/types.js';
import { verifyIssuedBy } from '../pki/inspect.js';
import type { CertEntry } from './certs-facts.js';

// A path deeper than this is a loop or a joke: real Redis chains have one or two links.
const MAX_DEPTH = 8;
const DATE_ONLY = /^the (certificate|CA) (expired on|is not valid until)/;

/**
 * Walks from `leaf` through the CA certificates in `pool` up to one of `anchors`.
 * `anchorName` says in the reason what was trusted ("the CA given (--ca ca.crt)").
 */
export function chainOf(
  leaf: CertEntry,
  pool: readonly CertEntry[],
  anchors: readonly CertEntry[],
  anchorName: string,
  now: Date,
): ChainFacts {
  const path = [leaf.facts.subject];
  const seen = new Set([leaf.facts.sha256]);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const named = [...anchors, ...pool.filter((c) => c.facts.isCa && !seen.has(c.facts.sha256))].filter(
      (c) => c.facts.subject === current.facts.issuer,
    );
    if (named.length === 0)
      return { ok: false, path, reason: `issued by "${current.facts.issuer}", which is not ${anchorName}` };
    let reason = '';
    const next = named.find((ca) => {
      const r = verifyIssuedBy(current.pem, ca.pem, now);
      reason ||= r.reason ?? '';
      return r.ok || DATE_ONLY.test(r.reason ?? '');
    });
    if (!next) return { ok: false, path, reason };
    path.push(next.facts.subject);
    if (anchors.includes(next)) return { ok: true, path, anchor: next.facts.source };
    seen.add(next.facts.sha256);
    current = next;
  }
  return { ok: false, path, reason: `no CA reached within ${MAX_DEPTH} links` };
}
