import type { LibraryCost } from './bench-library-cost';
import type { Timing } from './bench-measure';

export interface Row extends Timing {
  readonly name: string;
}

export interface ColdStart {
  /** Module load + first invocation (the target). */
  readonly totalMs: number;
  readonly loadMs: number;
  readonly firstCallMs: number;
}

/** A p50 over another p50: a row of the handler over the bare verify of the same tokens. */
export interface Ratio {
  readonly of: string;
  readonly over: string;
  readonly numeratorP50: number;
  readonly denominatorP50: number;
  readonly value: number;
  /** The issue's target, where this ratio has one. */
  readonly target: number | undefined;
  readonly met: boolean | undefined;
}

/** What bench-results/edge.json holds, and what the tables print. */
export interface BenchReport {
  readonly node: string;
  readonly loadAverage: { readonly before: number[]; readonly after: number[] };
  readonly iterations: number;
  readonly warmup: number;
  readonly at: string;
  readonly cases: readonly Row[];
  readonly baselines: { readonly tokens: number; readonly sameOrderAs: string; readonly rows: readonly Row[] };
  readonly ratios: {
    /** The issue's target: protected first sight over the bare verify. */
    readonly firstSightOverBareVerify: Ratio;
    readonly firstSightNewUriOverBareVerify: Ratio;
    /** For scale: the RSA operation alone, below what either named library can do. */
    readonly firstSightOverRs256Primitive: Ratio;
    /** The library call alone over the primitive: no handler using it can come nearer the primitive. */
    readonly libraryVerifyOverRs256Primitive: number;
    readonly repeatVisitOverLibraryVerify: number;
    readonly firstSightOverWebCrypto: number;
  };
  readonly libraryCostMicros: LibraryCost;
  readonly coldStartRuns: number;
  readonly coldStartMs: Readonly<Record<string, ColdStart>>;
  readonly bundleBytes: Readonly<Record<string, { readonly raw: number; readonly gzip: number }>>;
  readonly targets: Readonly<Record<string, boolean>>;
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 1) => x.toFixed(digits).padStart(9);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
const rowLine = (r: Row) => `${pad(r.name, 52)}${num(r.p50)} ${num(r.p99)} ${num(r.mean)}`;
const ratioLine = (r: Ratio) =>
  `  ${pad(`${r.of} p50 ${r.numeratorP50.toFixed(1)} µs`, 62)} ÷ ${pad(`${r.over} p50 ${r.denominatorP50.toFixed(1)} µs`, 66)} = ${r.value.toFixed(2)}×${
    r.target === undefined ? '   (for scale, no target)' : `   target ≤ ${r.target}×: ${verdict(r.met === true)}`
  }`;

export function printReport(r: BenchReport): void {
  // Timings on a shared machine swing with its load; say what it was.
  console.log(
    `\nedge benchmark — Node ${r.node}, ${r.iterations} invocations per case after ${r.warmup} warm-up, load average ${load(r.loadAverage.before)} (before) / ${load(r.loadAverage.after)} (after)\n`,
  );
  console.log(`${pad('case', 52)}   p50 µs    p99 µs   mean µs`);
  for (const row of r.cases) console.log(rowLine(row));
  console.log(
    `\nthe same ${r.baselines.tokens} tokens in the same order as "${r.baselines.sameOrderAs}" (the first two measured in turns with the first-sight rows)`,
  );
  for (const row of r.baselines.rows) console.log(rowLine(row));

  console.log('\nratios');
  console.log(ratioLine(r.ratios.firstSightOverBareVerify));
  console.log(ratioLine(r.ratios.firstSightNewUriOverBareVerify));
  console.log(ratioLine(r.ratios.firstSightOverRs256Primitive));
  console.log(
    `  the bare verify alone is ${r.ratios.libraryVerifyOverRs256Primitive.toFixed(2)}× the RS256 primitive; protected (repeat visit) is ${r.ratios.repeatVisitOverLibraryVerify.toFixed(2)}× the bare verify`,
  );

  console.log(
    `\nwhere one aws-jwt-verify verifySync goes (p50 µs per call, each step timed on its own, the steps taking turns, same tokens)`,
  );
  for (const row of r.libraryCostMicros.rows) console.log(`  ${pad(row.step, 82)}${num(row.p50, 2)}`);
  console.log(`  ${pad('verifySync − primitive: what the library adds', 82)}${num(r.libraryCostMicros.overPrimitive, 2)}`);
  console.log(
    `  ${pad('verifySync − (decompose + verifyDecomposedJwtSync): the same steps back to back cost more', 82)}${num(r.libraryCostMicros.together, 2)}`,
  );

  console.log(
    `\ncold start (median of ${r.coldStartRuns} fresh processes): ${Object.entries(r.coldStartMs)
      .map(([k, c]) => `${k} ${c.totalMs.toFixed(1)} ms (load ${c.loadMs.toFixed(1)} + first call ${c.firstCallMs.toFixed(1)})`)
      .join(', ')}`,
  );
  console.log(
    `bundles: ${Object.entries(r.bundleBytes)
      .map(([k, s]) => `${k} ${s.raw} B raw / ${s.gzip} B gzip`)
      .join(', ')}`,
  );
  console.log(
    `\ntargets:\n${Object.entries(r.targets)
      .map(([k, ok]) => `  ${ok ? 'met    ' : 'NOT MET'} ${k}`)
      .join('\n')}`,
  );
}
