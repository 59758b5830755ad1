import type { KeyObject, webcrypto } from 'node:crypto';
import { subtle } from './provider.js';
import { PkiError } from './errors.js';
import { parsePrivateKey, toPem } from './pem.js';

export type KeyType = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096';

export const KEY_TYPES: readonly KeyType[] = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'];

/** How inspect names a key of this type ("ECDSA P-256", "RSA 3072"). */
export function keyLabel(keyType: KeyType): string {
  return keyType.startsWith('ecdsa-') ? `ECDSA P-${keyType.slice(7)}` : `RSA ${keyType.slice(4)}`;
}

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

export interface SigningKey {
  key: CryptoKey;
  /** The algorithm to sign certificates with, matching the key. */
  signingAlgorithm: { name: string; hash: string };
  isRsa: boolean;
}

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) };
const CURVES: Record<string, { namedCurve: string; hash: string }> = {
  prime256v1: { namedCurve: 'P-256', hash: 'SHA-256' },
  secp384r1: { namedCurve: 'P-384', hash: 'SHA-384' },
  secp521r1: { namedCurve: 'P-521', hash: 'SHA-512' },
};

export async function generateKeyPair(keyType: KeyType): Promise<SigningKey & { pair: CryptoKeyPair }> {
  const usages: webcrypto.KeyUsage[] = ['sign', 'verify'];
  switch (keyType) {
    case 'ecdsa-p256':
    case 'ecdsa-p384': {
      const bits = keyType === 'ecdsa-p256' ? '256' : '384';
      const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: `P-${bits}` }, true, usages);
      return {
        pair,
        key: pair.privateKey,
        signingAlgorithm: { name: 'ECDSA', hash: `SHA-${bits}` },
        isRsa: false,
      };
    }
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096': {
      const modulusLength = Number(keyType.slice(4));
      const pair = await subtle.generateKey({ ...RSA, modulusLength }, true, usages);
      return {
        pair,
        key: pair.privateKey,
        signingAlgorithm: { name: RSA.name, hash: RSA.hash },
        isRsa: true,
      };
    }
    default:
      throw new PkiError(`unknown key type "${String(keyType)}" (use ${KEY_TYPES.join(', ')})`);
  }
}

/** PKCS#8 ("BEGIN PRIVATE KEY"): what OpenSSL 1.1+/3, redis-server and redis-cli all read. */
export async function exportKeyPem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', await subtle.exportKey('pkcs8', key));
}

/**
 * Imports an existing CA key for signing. Goes through Node's KeyObject first so that PKCS#1
 * ("BEGIN RSA PRIVATE KEY") and SEC1 ("BEGIN EC PRIVATE KEY") keys made by openssl work too.
 */
export async function importSigningKey(
  keyPem: string,
  passphrase?: string,
): Promise<SigningKey & { keyObject: KeyObject }> {
  const keyObject = parsePrivateKey(keyPem, passphrase);
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  const type = keyObject.asymmetricKeyType;
  if (type === 'rsa') {
    const key = await subtle.importKey('pkcs8', der, { name: RSA.name, hash: RSA.hash }, false, ['sign']);
    return { key, keyObject, signingAlgorithm: { name: RSA.name, hash: RSA.hash }, isRsa: true };
  }
  if (type === 'ec') {
    const curve = CURVES[keyObject.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve) {
      const key = await subtle.importKey(
        'pkcs8',
        der,
        { name: 'ECDSA', namedCurve: curve.namedCurve },
        false,
        ['sign'],
      );
      return { key, keyObject, signingAlgorithm: { name: 'ECDSA', hash: curve.hash }, isRsa: false };
    }
  }
  const detail = keyObject.asymmetricKeyDetails?.namedCurve ?? '';
  throw new PkiError(
    `unsupported CA key type ${type ?? 'unknown'} ${detail}`.trim() + ' (use RSA or ECDSA P-256/384/521)',
  );
}
