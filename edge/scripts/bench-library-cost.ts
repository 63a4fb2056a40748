import { createPublicKey, createVerify, verify as nodeVerify, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt, type DecomposedJwt } from 'aws-jwt-verify/jwt';
import { JwtVerifier, type JwtVerifierProperties, type VerifyProperties } from 'aws-jwt-verify/jwt-verifier';
import { safeJsonParse } from 'aws-jwt-verify/safe-json-parse';
import { measureSyncSteps } from './bench-measure';

/**
 * Where one aws-jwt-verify `verifySync` spends its time, step by step over the same tokens the
 * benchmark's first-sight row uses: the figures behind "why the library alone is already more
 * than 1.3× the RS256 primitive". Only the library's own exports and methods are timed, except
 * its signature call, which is not exported and is repeated here exactly as
 * node-web-compat-node.js (aws-jwt-verify 5.x) makes it.
 */

type Props = { issuer: string; audience: string; jwksUri: string };

/** The stock verifier, with its own (protected) second half reachable: everything after decomposing. */
class SteppedVerifier extends JwtVerifier<Partial<VerifyProperties>, Props & JwtVerifierProperties<VerifyProperties>, false> {
  constructor(private readonly props: Props) {
    super(props);
  }

  afterDecompose(decomposed: DecomposedJwt): unknown {
    return this.verifyDecomposedJwtSync(decomposed, this.props.jwksUri, this.props);
  }
}

export interface LibraryCostRow {
  readonly step: string;
  readonly p50: number;
}

export interface LibraryCost {
  readonly rows: readonly LibraryCostRow[];
  /** verifySync minus the primitive: what the library adds around the RSA operation. */
  readonly overPrimitive: number;
  /** verifySync minus (decompose + the rest measured apart): the cost of running them back to back. */
  readonly together: number;
}

export function libraryCost(tokens: readonly string[], jwks: Jwks, kid: string, issuer: string, audience: string): LibraryCost {
  const props = { issuer, audience, jwksUri: 'https://stride.invalid/.well-known/jwks.json' };
  const verifier = new SteppedVerifier(props);
  verifier.cacheJwks(jwks);
  const jwk = jwks.keys.find((k) => k.kid === kid);
  if (!jwk) throw new Error(`the JWKS has no key ${kid}`);
  const keyObject = createPublicKey({ key: jwk as NodeJsonWebKey, format: 'jwk' });

  const parts = tokens.map((token) => {
    const [header = '', payload = '', signature = ''] = token.split('.');
    return {
      token,
      header,
      payload,
      signature,
      input: Buffer.from(`${header}.${payload}`),
      signatureBytes: Buffer.from(signature, 'base64url'),
      headerJson: Buffer.from(header, 'base64url').toString('utf8'),
      payloadJson: Buffer.from(payload, 'base64url').toString('utf8'),
      decomposed: decomposeUnverifiedJwt(token),
    };
  });
  const n = parts.length;
  const at = (i: number) => {
    const part = parts[i];
    if (!part) throw new Error(`no token ${i}`);
    return part;
  };

  const steps: [string, (i: number) => unknown][] = [
    [
      'RS256 primitive: node:crypto verify(sha256), pre-decoded bytes',
      (i) => nodeVerify('sha256', at(i).input, keyObject, at(i).signatureBytes),
    ],
    [
      "library's signature call: createVerify('RSA-SHA256').update(str).verify(…, b64)",
      (i) =>
        createVerify('RSA-SHA256')
          .update(`${at(i).header}.${at(i).payload}`)
          .verify({ key: keyObject, dsaEncoding: 'ieee-p1363' }, at(i).signature, 'base64'),
    ],
    ['  of which createVerify() (a Writable stream) alone', () => createVerify('RSA-SHA256')],
    ['decomposeUnverifiedJwt (regex, split, base64, 2× JSON, shape checks)', (i) => decomposeUnverifiedJwt(at(i).token)],
    [
      '  of which safeJsonParse ×2 (prototype-pollution reviver)',
      (i) => [safeJsonParse(at(i).headerJson), safeJsonParse(at(i).payloadJson)],
    ],
    ['  for scale: JSON.parse ×2 without a reviver', (i) => [JSON.parse(at(i).headerJson), JSON.parse(at(i).payloadJson)]],
    ['verifyDecomposedJwtSync (key lookup, header/JWK checks, signature, claims)', (i) => verifier.afterDecompose(at(i).decomposed)],
    ['verifySync (the whole library call)', (i) => verifier.verifySync(at(i).token)],
  ];
  const p50s = measureSyncSteps(
    steps.map(([, run]) => run),
    n,
  );
  const rows = steps.map(([step], k) => ({ step, p50: p50s[k] ?? NaN }));
  const p50 = (prefix: string) => rows.find((r) => r.step.startsWith(prefix))?.p50 ?? NaN;
  const whole = p50('verifySync');
  return {
    rows,
    overPrimitive: whole - p50('RS256 primitive'),
    together: whole - p50('decomposeUnverifiedJwt') - p50('verifyDecomposedJwtSync'),
  };
}
