import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface MediaKeys {
  /** The id CloudFront would give the public key in the media behavior's trusted key group. */
  readonly keyPairId: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export const LOCAL_MEDIA_KEY_PAIR_ID = 'K2STRIDELOCAL0';

/** The RSA key pair that signs media cookies: generated on first start, kept in `dir` (0600). */
export function ensureMediaKeys(dir: string): MediaKeys {
  const file = path.join(dir, 'media-signing-key.private.pem');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const privateKeyPem = readFileSync(file, 'utf8');
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { keyPairId: LOCAL_MEDIA_KEY_PAIR_ID, privateKeyPem, publicKeyPem };
}
