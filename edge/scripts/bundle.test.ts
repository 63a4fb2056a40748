import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CloudFrontRequest, CloudFrontRequestHandler, CloudFrontResponseHandler, CloudFrontResultResponse } from 'aws-lambda';
import { importJWK, SignJWT, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER } from '@stride/contract/session';
import { sessionKeyPaths } from '@stride/infra/session-keys';
import { originResponseEvent } from '../src/origin-response/fixtures/events';
import { viewerRequestEvent } from '../src/viewer-request/fixtures/events';
import { edgePaths } from './paths';

// The bundles as Lambda@Edge loads them: CommonJS, `index.handler`, config baked in. `npm test`
// builds before it runs unit tests, so a missing bundle is a failure, not a skip.
const load = <T>(fn: string): T => {
  const file = edgePaths.bundle(fn);
  expect(existsSync(file), `${file} missing: run npm run build`).toBe(true);
  return (createRequire(import.meta.url)(file) as { handler: T }).handler;
};
const call = <R>(handler: (event: never, context: never, callback: never) => unknown, event: unknown) =>
  handler(event as never, {} as never, (() => undefined) as never) as Promise<R>;

/** A session as the API signs it, with the private key the build's JWKS belongs to. */
async function apiSignedToken(): Promise<string> {
  const jwk = JSON.parse(readFileSync(sessionKeyPaths.privateJwk, 'utf8')) as JWK & { kid: string };
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_AUDIENCE)
    .setSubject('bundle-test')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(jwk, 'RS256'));
}

describe('edge/dist/viewer-request bundle', () => {
  it('exports handler and routes with the baked-in route manifest', async () => {
    const handler = load<CloudFrontRequestHandler>('viewer-request');
    expect(typeof handler).toBe('function');
    const result = await call<CloudFrontRequest>(handler, viewerRequestEvent('/programs/hiit-30'));
    expect(result.uri).toBe('/programs/hiit-30/index.html');
  });

  it('sends a signed-out viewer of /watch to the login page', async () => {
    const handler = load<CloudFrontRequestHandler>('viewer-request');
    const result = await call<CloudFrontResultResponse>(handler, viewerRequestEvent('/watch/w-hiit30-01'));
    expect(result.status).toBe('302');
    expect(result.headers?.location?.[0]?.value).toBe('/login?next=%2Fwatch%2Fw-hiit30-01');
  });

  it('verifies a session signed with the local signing key against the baked-in JWKS', async () => {
    const handler = load<CloudFrontRequestHandler>('viewer-request');
    const cookies = [`${SESSION_COOKIE}=${await apiSignedToken()}`];
    const result = await call<CloudFrontRequest>(handler, viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies }));
    expect(result.uri).toBe('/watch/index.html');
  });
});

describe('edge/dist/origin-response bundle', () => {
  it('exports handler and serves the baked-in 404 object with status 404', async () => {
    const handler = load<CloudFrontResponseHandler>('origin-response');
    const result = await call<CloudFrontResultResponse>(handler, originResponseEvent('/404.html'));
    expect(result.status).toBe('404');
    expect(result.headers?.['content-security-policy']?.[0]?.value).toContain("default-src 'self'");
  });
});
