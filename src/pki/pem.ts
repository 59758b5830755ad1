import { X509Certificate as NodeCertificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { x509 } from './provider.js';
import { PassphraseNeeded, PkiError } from './errors.js';

export interface PemBlock {
  label: string;
  der: Buffer;
}

/** A certificate parsed twice: @peculiar/x509 for structure, Node (OpenSSL) for sync crypto checks. */
export interface ParsedCertificate {
  cert: x509.X509Certificate;
  node: NodeCertificate;
  der: Buffer;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;

export function toPem(label: string, der: ArrayBuffer | Uint8Array): string {
  const body = Buffer.from(der instanceof ArrayBuffer ? new Uint8Array(der) : der).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1] ?? '';
    const body = match[2] ?? '';
    // PEM headers (Proc-Type, DEK-Info) mean legacy encryption, which we do not decrypt.
    if (!BASE64.test(body)) throw new PkiError(`the ${label} block is not valid base64 (is it encrypted?)`);
    blocks.push({ label, der: Buffer.from(body.replace(/\s+/g, ''), 'base64') });
  }
  return blocks;
}

function describeInput(text: string): string {
  if (text.trim() === '') return 'the input is empty';
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (begin) return `the "-----END ${begin[1] ?? ''}-----" line is missing (truncated copy?)`;
  return 'no "-----BEGIN CERTIFICATE-----" block was found';
}

/** Parses the first CERTIFICATE block; later blocks (a chain bundle) are ignored. */
export function parseCertificate(pem: string): ParsedCertificate {
  if (typeof pem !== 'string') throw new PkiError('a certificate must be given as PEM text');
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label === 'CERTIFICATE');
  if (!block) {
    const other = blocks[0]?.label;
    throw new PkiError(
      other
        ? `expected a CERTIFICATE but found a ${other} block`
        : `not a PEM certificate: ${describeInput(pem)}`,
    );
  }
  try {
    const cert = new x509.X509Certificate(new Uint8Array(block.der));
    const node = new NodeCertificate(block.der);
    return { cert, node, der: block.der };
  } catch (cause) {
    throw new PkiError('the CERTIFICATE block is not a valid X.509 certificate (DER decoding failed)', {
      cause,
    });
  }
}

/** A PKCS#8 "ENCRYPTED PRIVATE KEY" or a legacy PEM key with "Proc-Type: 4,ENCRYPTED". */
export function isEncryptedKey(pem: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/.test(pem);
}

/**
 * The key in `pem`; an encrypted one is decrypted in memory with `passphrase` (OpenSSL does
 * it, through createPrivateKey), and without one a PassphraseNeeded says so, so a caller can ask.
 */
export function parsePrivateKey(pem: string, passphrase?: string): KeyObject {
  if (typeof pem !== 'string') throw new PkiError('a private key must be given as PEM text');
  if (isEncryptedKey(pem)) {
    if (passphrase === undefined) throw new PassphraseNeeded();
    try {
      return createPrivateKey({ key: pem, format: 'pem', passphrase });
    } catch {
      // OpenSSL's reason ("bad decrypt") adds nothing, and no error here may carry the passphrase.
      throw new PkiError('the passphrase does not decrypt the private key');
    }
  }
  const blocks = pemBlocks(pem);
  const block = blocks.find((b) => b.label.endsWith('PRIVATE KEY'));
  if (!block) {
    const other = blocks[0]?.label;
    throw new PkiError(
      other
        ? `expected a PRIVATE KEY but found a ${other} block`
        : 'no "-----BEGIN PRIVATE KEY-----" block was found',
    );
  }
  try {
    // Re-wrap the one block so other blocks in a bundle cannot confuse OpenSSL's PEM reader.
    return createPrivateKey({ key: toPem(block.label, block.der), format: 'pem' });
  } catch (cause) {
    throw new PkiError(`the ${block.label} block is not a valid private key`, { cause });
  }
}
