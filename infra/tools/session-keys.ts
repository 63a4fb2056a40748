import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SESSION_ALG } from '@stride/contract/session';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Where the local stack keeps the session-signing key. The API signs `stride_session` JWTs with
 * the private key; the edge build bakes the public JWKS into the viewer-request bundle.
 * `.stride/` is local state (gitignored); on AWS the key lives in the deployment's secret store.
 */
export const sessionKeyPaths = {
  dir: path.join(repoRoot, '.stride', 'keys'),
  privateJwk: path.join(repoRoot, '.stride', 'keys', 'session-signing-key.private.json'),
  jwks: path.join(repoRoot, '.stride', 'keys', 'jwks.json'),
} as const;

export interface SessionKeys {
  /** The current signing key (private JWK with `kid` and `alg`). */
  readonly privateJwk: JWK & { kid: string };
  /** Every public key a verifier should accept, the signing key's first. */
  readonly jwks: { keys: (JWK & { kid: string })[] };
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/** Loads the keys, generating an RSA-2048 pair on first use; never replaces existing keys. */
export async function ensureSessionKeys(paths: { dir: string; privateJwk: string; jwks: string } = sessionKeyPaths): Promise<SessionKeys> {
  try {
    return {
      privateJwk: (await readJson(paths.privateJwk)) as SessionKeys['privateJwk'],
      jwks: (await readJson(paths.jwks)) as SessionKeys['jwks'],
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`session keys in ${paths.dir} are unreadable: ${(error as Error).message}`);
  }
  const { privateKey, publicKey } = await generateKeyPair(SESSION_ALG, { modulusLength: 2048, extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: SESSION_ALG, use: 'sig' };
  const jwks = { keys: [{ ...publicJwk, kid, alg: SESSION_ALG, use: 'sig' }] };
  await mkdir(paths.dir, { recursive: true });
  await writeFile(paths.privateJwk, `${JSON.stringify(privateJwk, null, 2)}\n`, { mode: 0o600 });
  await chmod(paths.privateJwk, 0o600);
  await writeFile(paths.jwks, `${JSON.stringify(jwks, null, 2)}\n`);
  return { privateJwk, jwks };
}
