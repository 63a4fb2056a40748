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

/** One of the issue's ratio targets: protected first sight p50 over a bare verify's p50. */
export interface Ratio {
  readonly over: string;
  readonly numeratorP50: number;
  readonly denominatorP50: number;
  readonly value: number;
  readonly target: number;
  readonly met: boolean;
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
    readonly firstSightOverLibraryVerify: Ratio;
    readonly firstSightOverRs256Primitive: Ratio;
    /** The library call alone over the primitive: no handler can bring (b) below this. */
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
const ratioLine = (label: string, r: Ratio) =>
  `  ${label} ${pad(`${r.over} p50 ${r.denominatorP50.toFixed(1)} µs`, 52)} = ${r.value.toFixed(2)}×   target ≤ ${r.target}×: ${verdict(r.met)}`;

export function printReport(r: BenchReport): void {
  // Timings on a shared machine swing with its load; say what it was.
  console.log(`\nedge benchmark — Node ${r.node}, ${r.iterations} invocations per case after ${r.warmup} warm-up, load average ${load(r.loadAverage.before)} (before) / ${load(r.loadAverage.after)} (after)\n`);
  console.log(`${pad('case', 52)}   p50 µs    p99 µs   mean µs`);
  for (const row of r.cases) console.log(rowLine(row));
  console.log(`\nbare verifies of the same ${r.baselines.tokens} tokens in the same order as "${r.baselines.sameOrderAs}" ((a) and (b) measured in turns with it)`);
  for (const row of r.baselines.rows) console.log(rowLine(row));

  const { firstSightOverLibraryVerify: a, firstSightOverRs256Primitive: b } = r.ratios;
  console.log(`\nprotected (first sight) p50 ${a.numeratorP50.toFixed(1)} µs, divided by`);
  console.log(ratioLine('(a)', a));
  console.log(ratioLine('(b)', b));
  console.log(`  the library call alone is ${r.ratios.libraryVerifyOverRs256Primitive.toFixed(2)}× the primitive: (b) cannot go below that with aws-jwt-verify, whatever the handler does`);
  console.log(`protected (repeat visit) p50 ÷ bare library verify p50: ${r.ratios.repeatVisitOverLibraryVerify.toFixed(2)}×`);

  console.log(`\nwhere one aws-jwt-verify verifySync goes (p50 µs per call, each step timed on its own, the steps taking turns, same tokens)`);
  for (const row of r.libraryCostMicros.rows) console.log(`  ${pad(row.step, 82)}${num(row.p50, 2)}`);
  console.log(`  ${pad('verifySync − primitive: what the library adds', 82)}${num(r.libraryCostMicros.overPrimitive, 2)}`);
  console.log(`  ${pad('verifySync − (decompose + verifyDecomposedJwtSync): the same steps back to back cost more', 82)}${num(r.libraryCostMicros.together, 2)}`);

  console.log(
    `\ncold start (median of ${r.coldStartRuns} fresh processes): ${Object.entries(r.coldStartMs)
      .map(([k, c]) => `${k} ${c.totalMs.toFixed(1)} ms (load ${c.loadMs.toFixed(1)} + first call ${c.firstCallMs.toFixed(1)})`)
      .join(', ')}`,
  );
  console.log(`bundles: ${Object.entries(r.bundleBytes).map(([k, s]) => `${k} ${s.raw} B raw / ${s.gzip} B gzip`).join(', ')}`);
  console.log(`\ntargets:\n${Object.entries(r.targets).map(([k, ok]) => `  ${ok ? 'met    ' : 'NOT MET'} ${k}`).join('\n')}`);
}
