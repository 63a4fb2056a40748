import { execFileSync } from 'node:child_process';
import { createPublicKey, verify as nodeVerify, webcrypto, type JsonWebKey as NodeJsonWebKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { importJWK, SignJWT, type JWK } from 'jose';
import { SESSION_AUDIENCE, SESSION_COOKIE, SESSION_ISSUER, sessionKeyPaths } from '../../infra/tools/session-keys';
import { originResponseEvent } from '../src/origin-response/fixtures/events';
import { viewerRequestEvent } from '../src/viewer-request/fixtures/events';
import { tamperPayload } from '../src/viewer-request/fixtures/tokens';
import { VERIFIED_CACHE_SIZE } from '../src/viewer-request/session';
import { edgePaths } from './paths';

/**
 * `npm run bench:edge`: each built bundle in-process on realistic events, a bare RS256 verify of
 * the same token for scale, cold starts in fresh processes, and bundle sizes. Prints a table and
 * writes bench-results/edge.json. Numbers, not assertions: tests never time anything.
 */

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20_000);
const WARMUP = 2_000;
const COLD_RUNS = 7;
const resultsFile = path.join(edgePaths.repoRoot, 'bench-results', 'edge.json');

type Invoke = () => Promise<unknown>;

async function measure(invoke: Invoke): Promise<{ p50: number; p99: number; mean: number }> {
  for (let i = 0; i < WARMUP; i += 1) await invoke();
  const samples = new Float64Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = process.hrtime.bigint();
    await invoke();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

interface ColdStart {
  /** Module load + first invocation (the target). */
  readonly totalMs: number;
  readonly loadMs: number;
  readonly firstCallMs: number;
}

/** Module load + first invocation, in a fresh Node process each time (a new Lambda container); medians. */
function coldStart(bundle: string, eventJson: string): ColdStart {
  const script = `
    const t0 = performance.now();
    const { handler } = require(${JSON.stringify(bundle)});
    const t1 = performance.now();
    Promise.resolve(handler(${eventJson}, {}, () => {})).then(() => process.stdout.write(JSON.stringify([t1 - t0, performance.now() - t1])));`;
  const runs = Array.from({ length: COLD_RUNS }, () => JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as [number, number]);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  return { totalMs: median(runs.map(([l, f]) => l + f)), loadMs: median(runs.map(([l]) => l)), firstCallMs: median(runs.map(([, f]) => f)) };
}

async function main(): Promise<void> {
  const privateJwk = JSON.parse(readFileSync(sessionKeyPaths.privateJwk, 'utf8')) as JWK & { kid: string };
  const jwks = JSON.parse(readFileSync(process.env.STRIDE_JWKS_FILE ?? sessionKeyPaths.jwks, 'utf8')) as { keys: (JWK & { kid: string })[] };
  const signingKey = await importJWK(privateJwk, 'RS256');
  const sign = (subject: string) =>
    new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' }).setIssuer(SESSION_ISSUER).setAudience(SESSION_AUDIENCE).setSubject(subject).setIssuedAt().setExpirationTime('2h').sign(signingKey);
  const token = await sign('bench-user');
  // More distinct tokens than the verifier remembers, cycled: every call pays the full verify.
  const freshTokens = await Promise.all(Array.from({ length: VERIFIED_CACHE_SIZE * 4 }, (_, i) => sign(`bench-user-${i}`)));
  let fresh = 0;
  const freshEvents = freshTokens.map((t) => viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`theme=dark; ${SESSION_COOKIE}=${t}`] }));

  const require = createRequire(import.meta.url);
  const viewerBundle = edgePaths.bundle('viewer-request');
  const originBundle = edgePaths.bundle('origin-response');
  const viewer = (require(viewerBundle) as { handler: (e: unknown, c: unknown, cb: unknown) => Promise<unknown> }).handler;
  const origin = (require(originBundle) as { handler: (e: unknown, c: unknown, cb: unknown) => Promise<unknown> }).handler;
  const v = (event: unknown): Invoke => () => viewer(event, {}, () => undefined);
  const roku = 'Roku/DVP-9.10 (519.10E04111A)';

  const cases: [string, Invoke][] = [
    ['public page', v(viewerRequestEvent('/programs/hiit-30'))],
    ['TV page', v(viewerRequestEvent('/programs/hiit-30', '', { 'User-Agent': roku }))],
    ['protected, valid token (first sight)', () => viewer(freshEvents[(fresh += 1) % freshEvents.length], {}, () => undefined)],
    ['protected, valid token (repeat visit)', v(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`theme=dark; ${SESSION_COOKIE}=${token}`] }))],
    ['protected, invalid token', v(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`${SESSION_COOKIE}=${tamperPayload(token, { sub: 'admin' })}`] }))],
    ['404', v(viewerRequestEvent('/no/such/page'))],
    ['origin-response (HTML)', () => origin(originResponseEvent('/programs/hiit-30/index.html'), {}, () => undefined)],
  ];

  // The same token's signature, verified with no JWT library around it.
  const [h, p, s] = token.split('.') as [string, string, string];
  const data = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  const publicJwk = jwks.keys.find((k) => k.kid === privateJwk.kid);
  if (!publicJwk) throw new Error(`${sessionKeyPaths.jwks} has no key ${privateJwk.kid}`);
  const cryptoKey = await webcrypto.subtle.importKey('jwk', publicJwk as webcrypto.JsonWebKey, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  const keyObject = createPublicKey({ key: publicJwk as NodeJsonWebKey, format: 'jwk' });
  // The target's baseline is node:crypto's synchronous verify: the primitive aws-jwt-verify's
  // JwtVerifier.verifySync runs under the session check. WebCrypto (what jose uses) stays for scale.
  const baselines: [string, Invoke][] = [
    ['bare RS256 verify (node:crypto sync, as lib)', async () => nodeVerify('sha256', data, keyObject, signature)],
    ['bare RS256 verify (WebCrypto, async)', () => webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', cryptoKey, signature, data)],
  ];

  const rows: { name: string; p50: number; p99: number; mean: number }[] = [];
  for (const [name, invoke] of [...cases, ...baselines]) rows.push({ name, ...(await measure(invoke)) });

  const protectedRow = rows.find((r) => r.name === 'protected, valid token (first sight)');
  const repeatRow = rows.find((r) => r.name === 'protected, valid token (repeat visit)');
  const webcryptoRow = rows.find((r) => r.name.includes('WebCrypto'));
  const nodeRow = rows.find((r) => r.name.includes('node:crypto'));
  const ratioWebCrypto = (protectedRow?.p50 ?? NaN) / (webcryptoRow?.p50 ?? NaN);
  const ratioNode = (protectedRow?.p50 ?? NaN) / (nodeRow?.p50 ?? NaN);

  const cold = {
    'viewer-request': coldStart(viewerBundle, JSON.stringify(viewerRequestEvent('/watch/w-hiit30-01', '', {}, { cookies: [`${SESSION_COOKIE}=${token}`] }))),
    'origin-response': coldStart(originBundle, JSON.stringify(originResponseEvent('/index.html'))),
  };
  const sizes = Object.fromEntries(
    ['viewer-request', 'origin-response'].map((fn) => {
      const code = readFileSync(edgePaths.bundle(fn));
      return [fn, { raw: code.length, gzip: gzipSync(code).length }];
    }),
  );

  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number, digits = 1) => x.toFixed(digits).padStart(9);
  // Timings on a shared machine swing with its load; say what it was.
  console.log(`\nedge benchmark — Node ${process.version}, ${ITERATIONS} invocations per case after ${WARMUP} warm-up, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log(`${pad('case', 46)}   p50 µs    p99 µs   mean µs`);
  for (const r of rows) console.log(`${pad(r.name, 46)}${num(r.p50)} ${num(r.p99)} ${num(r.mean)}`);
  console.log(
    `\nprotected (first sight) p50 ${(protectedRow?.p50 ?? NaN).toFixed(1)} µs / bare verify p50 ${(nodeRow?.p50 ?? NaN).toFixed(1)} µs (node:crypto sync, the library's primitive) = ${ratioNode.toFixed(2)}×  [vs WebCrypto ${(webcryptoRow?.p50 ?? NaN).toFixed(1)} µs: ${ratioWebCrypto.toFixed(2)}×]`,
  );
  console.log(`protected (repeat visit) p50 / bare verify p50: ${((repeatRow?.p50 ?? NaN) / (nodeRow?.p50 ?? NaN)).toFixed(2)}× (node:crypto sync)`);
  console.log(
    `cold start (median of ${COLD_RUNS} fresh processes): ${Object.entries(cold)
      .map(([k, c]) => `${k} ${c.totalMs.toFixed(1)} ms (load ${c.loadMs.toFixed(1)} + first call ${c.firstCallMs.toFixed(1)})`)
      .join(', ')}`,
  );
  console.log(`bundles: ${Object.entries(sizes).map(([k, s]) => `${k} ${s.raw} B raw / ${s.gzip} B gzip`).join(', ')}`);

  const targets = {
    'protected (first sight) p50 ≤ 1.3× bare verify (node:crypto sync)': ratioNode <= 1.3,
    'protected (first sight) p99 < 250 µs': (protectedRow?.p99 ?? Infinity) < 250,
    'protected (repeat visit) p99 < 250 µs': (repeatRow?.p99 ?? Infinity) < 250,
    'cold start < 25 ms': Object.values(cold).every((c) => c.totalMs < 25),
    'each bundle < 50 KB gzip': Object.values(sizes).every((s) => s.gzip < 50 * 1024),
  };
  console.log(`\ntargets:\n${Object.entries(targets).map(([k, ok]) => `  ${ok ? 'met    ' : 'MISSED '} ${k}`).join('\n')}`);

  mkdirSync(path.dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify({ node: process.version, loadAverage: loadavg(), iterations: ITERATIONS, at: new Date().toISOString(), cases: rows, ratio: { nodeCrypto: ratioNode, webcrypto: ratioWebCrypto }, coldStartMs: cold, bundleBytes: sizes, targets }, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), resultsFile)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
