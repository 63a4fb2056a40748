import type { JSONWebKeySet } from 'jose';

/**
 * Checks the JWKS before it is baked in: RSA public keys, each with a distinct `kid` (the
 * verifier picks the key by `kid` during a rotation) and no private members.
 */
export function assertJwks(value: unknown, source: string): asserts value is JSONWebKeySet {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) fail('keys: expected a non-empty array of public keys');
  const kids = new Set<string>();
  (keys as unknown[]).forEach((entry, i) => {
    const key = entry as Record<string, unknown> | null;
    if (key?.kty !== 'RSA' || typeof key.n !== 'string' || typeof key.e !== 'string')
      fail(`keys.${i}: expected an RSA public key (kty "RSA", n, e)`);
    if (typeof key?.kid !== 'string' || key.kid.length === 0) fail(`keys.${i}.kid: expected a key id`);
    if (kids.has(key?.kid as string)) fail(`keys.${i}.kid: "${String(key?.kid)}" is used twice`);
    kids.add(key?.kid as string);
    if (key?.alg !== undefined && key.alg !== 'RS256') fail(`keys.${i}.alg: expected "RS256", got ${JSON.stringify(key.alg)}`);
    if (['d', 'p', 'q', 'dp', 'dq', 'qi'].some((member) => key?.[member] !== undefined))
      fail(`keys.${i}: is a private key; bake in only the public JWKS`);
  });
}
