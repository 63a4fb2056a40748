import { execFileSync } from 'node:child_process';
import type { CloudFrontRequestEvent } from 'aws-lambda';
import { createPublicKey, verify as nodeVerify, webcrypto, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { importJWK, SignJWT, type JWK } from 'jose';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER } from '@stride/contract/session';
import { sessionKeyPaths } from '@stride/infra/session-keys';
import { originResponseEvent } from '../src/origin-response/fixtures/events';
import { viewerRequestEvent } from '../src/viewer-request/fixtures/events';
import { tamperPayload } from '../src/viewer-request/fixtures/tokens';
import { VERIFIED_CACHE_SIZE } from '../src/viewer-request/session';
import { libraryCost } from './bench-library-cost';
import { cycle, measure, measureInterleaved, type Invoke } from './bench-measure';
import { printReport, type BenchReport, type ColdStart, type Ratio, type Row } from './bench-report';
import { edgePaths } from './paths';

/**
 * `npm run bench:edge`: each built bundle in-process on realistic events; the bare verify of the
 * very tokens the first-sight rows use, in the same order (aws-jwt-verify's `verifySync` with the
 * baked key and no handler around it: the target's denominator), and for scale node:crypto's RS256
 * primitive under it; where the library's own time goes; cold starts in fresh processes; bundle
 * sizes. Prints tables and writes bench-results/edge.json. Numbers, not assertions: tests never
 * time anything.
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const WARMUP = 2_000;
const COLD_RUNS = 7;
const OTHER_WORKOUT_URIS = 8192;
/** The issue's target for a protected page (first sight) against the bare verify of the same tokens. */
const RATIO_TARGET = 1.3;
const resultsFile = path.join(edgePaths.repoRoot, 'bench-results', 'edge.json');

/** Module load + first invocation, in a fresh Node process each time (a new Lambda container); medians. */
function coldStart(bundle: string, eventJson: string): ColdStart {
  const script = `
    const t0 = performance.now();
    const { handler } = require(${JSON.stringify(bundle)});
    const t1 = performance.now();
    Promise.resolve(handler(${eventJson}, {}, () => {})).then(() => process.stdout.write(JSON.stringify([t1 - t0, performance.now() - t1])));`;
  const runs = Array.from(
    { length: COLD_RUNS },
    () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as [number, number],
  );
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return {
    totalMs: median(runs.map(([l, f]) => l + f)),
    loadMs: median(runs.map(([l]) => l)),
    firstCallMs: median(runs.map(([, f]) => f)),
  };
}

/** The same viewer-request event (headers and all, shared) asking for another URI. */
function atUri(event: CloudFrontRequestEvent | undefined, uri: string): CloudFrontRequestEvent {
  const record = event?.Records[0];
  if (!record) throw new Error('bench: no event to copy');
  return { Records: [{ cf: { ...record.cf, request: { ...record.cf.request, uri } } }] };
}

/** A baseline that failed early would time nothing; make sure each verifies what it is given. */
async function assertSameWork(checks: readonly [string, () => unknown][]): Promise<void> {
  for (const [name, check] of checks) {
    const result = await check();
    if (result !== true) throw new Error(`bench: ${name} did not verify (${String(result)})`);
  }
}

async function main(): Promise<void> {
  const privateJwk = JSON.parse(readFileSync(sessionKeyPaths.privateJwk, 'utf8')) as JWK & { kid: string };
  const jwks = JSON.parse(readFileSync(process.env.STRIDE_JWKS_FILE ?? sessionKeyPaths.jwks, 'utf8')) as Jwks;
  const signingKey = await importJWK(privateJwk, 'RS256');
  const sign = (subject: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setAudience(SESSION_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(signingKey);
  const token = await sign('bench-user');
  // More distinct tokens than the verifier remembers, cycled: every call pays the full verify.
  const freshTokens = await Promise.all(Array.from({ length: VERIFIED_CACHE_SIZE * 4 }, (_, i) => sign(`bench-user-${i}`)));
  const freshEvents = freshTokens.map((t) =>
    viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`theme=dark; ${SESSION_COOKIE}=${t}`] }),
  );

  const require = createRequire(import.meta.url);
  const viewerBundle = edgePaths.bundle('viewer-request');
  const originBundle = edgePaths.bundle('origin-response');
  const viewer = (require(viewerBundle) as { handler: (e: unknown, c: unknown, cb: unknown) => Promise<unknown> }).handler;
  const origin = (require(originBundle) as { handler: (e: unknown, c: unknown, cb: unknown) => Promise<unknown> }).handler;
  const v =
    (event: unknown): Invoke =>
    () =>
      viewer(event, {}, () => undefined);
  const roku = 'Roku/DVP-9.10 (519.10E04111A)';

  // The first-sight rows and both bare verifies walk the same token list in the same order.
  const nextEvent = cycle(freshEvents);
  const firstSight: Invoke = () => viewer(nextEvent(), {}, () => undefined);
  // The same events, each at another workout's URI (8,192 of them, cycled):
  // shows the headline row gains nothing from asking for one URI over and over. Each shares its
  // headers with a first-sight event, so the rows differ in the URI alone and not in how much
  // event data the bench walks through the CPU's caches. The token list is walked half a turn
  // ahead, so neither row meets a token the other verified recently enough to be remembered.
  const newUriEvents = Array.from({ length: OTHER_WORKOUT_URIS }, (_, i) =>
    atUri(freshEvents[(i + freshEvents.length / 2) % freshEvents.length], `/watch/w-bench-${i}`),
  );
  const nextNewUriEvent = cycle(newUriEvents);
  const firstSightNewUri: Invoke = () => viewer(nextNewUriEvent(), {}, () => undefined);

  // (a) The library call with no handler around it: a stock JwtVerifier holding the same baked JWKS.
  const library = JwtVerifier.create({
    issuer: SESSION_ISSUER,
    audience: SESSION_AUDIENCE,
    jwksUri: 'https://stride.invalid/.well-known/jwks.json',
  });
  library.cacheJwks(jwks);
  const nextToken = cycle(freshTokens);
  const libraryVerify: Invoke = () => library.verifySync(nextToken());

  // (b) For scale, the RS256 primitive under it: signing input and signature decoded beforehand,
  // so only SHA-256 and the RSA operation are timed — the floor no JWT library can go under.
  const publicJwk = jwks.keys.find((k) => k.kid === privateJwk.kid);
  if (!publicJwk) throw new Error(`${sessionKeyPaths.jwks} has no key ${privateJwk.kid}`);
  const keyObject = createPublicKey({ key: publicJwk as NodeJsonWebKey, format: 'jwk' });
  const signed = freshTokens.map((t) => {
    const [header = '', payload = '', signature = ''] = t.split('.');
    return { data: Buffer.from(`${header}.${payload}`), signature: Buffer.from(signature, 'base64url') };
  });
  const nextSigned = cycle(signed);
  const primitive: Invoke = () => {
    const { data, signature } = nextSigned();
    return nodeVerify('sha256', data, keyObject, signature);
  };
  // WebCrypto (what jose runs on) for scale: asynchronous, its RSA work done off the main thread.
  const cryptoKey = await webcrypto.subtle.importKey(
    'jwk',
    publicJwk as webcrypto.JsonWebKey,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['verify'],
  );
  const nextSignedWeb = cycle(signed);
  const webCrypto: Invoke = () => {
    const { data, signature } = nextSignedWeb();
    return webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, signature, data);
  };

  const first = signed[0];
  await assertSameWork([
    [
      'the first-sight handler',
      async () => ((await viewer(freshEvents[0], {}, () => undefined)) as { uri?: string }).uri === '/watch/index.html',
    ],
    [
      'the first-sight handler at other workouts',
      async () => ((await viewer(newUriEvents[1], {}, () => undefined)) as { uri?: string }).uri === '/watch/index.html',
    ],
    ['the bare library verify', () => library.verifySync(freshTokens[0] ?? '').sub === 'bench-user-0'],
    ['the bare RS256 primitive', () => first !== undefined && nodeVerify('sha256', first.data, keyObject, first.signature)],
  ]);

  const loadBefore = loadavg();
  const named = async (name: string, invoke: Invoke): Promise<Row> => ({ name, ...(await measure(invoke, ITERATIONS, WARMUP)) });
  const publicRow = await named('public page', v(viewerRequestEvent('/programs/hiit-30')));
  const tvRow = await named('TV page', v(viewerRequestEvent('/programs/hiit-30', '', { 'User-Agent': roku })));
  // Measured in turns, so whatever else this machine runs meanwhile weighs on all four alike.
  const [firstTiming, newUriTiming, libraryTiming, primitiveTiming] = await measureInterleaved(
    [firstSight, firstSightNewUri, libraryVerify, primitive],
    ITERATIONS,
    WARMUP,
  );
  if (!firstTiming || !newUriTiming || !libraryTiming || !primitiveTiming) throw new Error('bench: missing an interleaved timing');
  const protectedRow: Row = { name: 'protected, valid token (first sight)', ...firstTiming };
  const newUriRow: Row = { name: 'protected, first sight, another workout each time', ...newUriTiming };
  const repeatRow = await named(
    'protected, valid token (repeat visit)',
    v(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`theme=dark; ${SESSION_COOKIE}=${token}`] })),
  );
  const rows: Row[] = [
    publicRow,
    tvRow,
    protectedRow,
    newUriRow,
    repeatRow,
    await named(
      'protected, invalid token',
      v(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`${SESSION_COOKIE}=${tamperPayload(token, { sub: 'admin' })}`] })),
    ),
    await named('404', v(viewerRequestEvent('/no/such/page'))),
    await named('origin-response (HTML)', () => origin(originResponseEvent('/programs/hiit-30/index.html'), {}, () => undefined)),
  ];
  const libraryRow: Row = { name: 'bare verify: aws-jwt-verify verifySync', ...libraryTiming };
  const primitiveRow: Row = { name: 'RS256 primitive under it: node:crypto verify', ...primitiveTiming };
  const webCryptoRow = await named('WebCrypto RS256 verify (async; what jose uses)', webCrypto);
  const cost = libraryCost(freshTokens, jwks, privateJwk.kid, SESSION_ISSUER, SESSION_AUDIENCE);
  const loadAfter = loadavg();

  const cold = {
    'viewer-request': coldStart(
      viewerBundle,
      JSON.stringify(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`${SESSION_COOKIE}=${token}`] })),
    ),
    'origin-response': coldStart(originBundle, JSON.stringify(originResponseEvent('/index.html'))),
  };
  const sizes = Object.fromEntries(
    ['viewer-request', 'origin-response'].map((fn) => {
      const code = readFileSync(edgePaths.bundle(fn));
      return [fn, { raw: code.length, gzip: gzipSync(code).length }];
    }),
  );

  const ratio = (of: Row, over: Row, label: string): Ratio => {
    const value = of.p50 / over.p50;
    return {
      of: of.name,
      over: label,
      numeratorP50: of.p50,
      denominatorP50: over.p50,
      value,
      target: RATIO_TARGET,
      met: value <= RATIO_TARGET,
    };
  };
  const bareVerify = 'bare verify (aws-jwt-verify verifySync, same tokens)';
  const a = ratio(protectedRow, libraryRow, bareVerify);
  const aNewUri = ratio(newUriRow, libraryRow, bareVerify);
  const b: Ratio = {
    ...ratio(protectedRow, primitiveRow, 'RS256 primitive (node:crypto verify, same tokens)'),
    target: undefined,
    met: undefined,
  };
  const report: BenchReport = {
    node: process.version,
    loadAverage: { before: loadBefore, after: loadAfter },
    iterations: ITERATIONS,
    warmup: WARMUP,
    at: new Date().toISOString(),
    cases: rows,
    baselines: { tokens: freshTokens.length, sameOrderAs: protectedRow.name, rows: [libraryRow, primitiveRow, webCryptoRow] },
    ratios: {
      firstSightOverBareVerify: a,
      firstSightNewUriOverBareVerify: aNewUri,
      firstSightOverRs256Primitive: b,
      libraryVerifyOverRs256Primitive: libraryRow.p50 / primitiveRow.p50,
      repeatVisitOverLibraryVerify: repeatRow.p50 / libraryRow.p50,
      firstSightOverWebCrypto: protectedRow.p50 / webCryptoRow.p50,
    },
    libraryCostMicros: cost,
    coldStartRuns: COLD_RUNS,
    coldStartMs: cold,
    bundleBytes: sizes,
    targets: {
      [`protected (first sight) p50 ≤ ${RATIO_TARGET}× the ${a.over}`]: a.met === true,
      [`protected (first sight, another workout each time) p50 ≤ ${RATIO_TARGET}× the ${aNewUri.over}`]: aNewUri.met === true,
      'protected (first sight) p99 < 250 µs': protectedRow.p99 < 250,
      'protected (repeat visit) p99 < 250 µs': repeatRow.p99 < 250,
      'cold start < 25 ms': Object.values(cold).every((c) => c.totalMs < 25),
      'each bundle < 50 KB gzip': Object.values(sizes).every((s) => s.gzip < 50 * 1024),
    },
  };
  printReport(report);
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
