/** Nearest-rank percentile (p in 0..100) of a non-empty sample; 0 for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const round1 = (n: number) => Number(n.toFixed(1));

export interface Summary {
  readonly samplesMs: readonly number[];
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { samplesMs: samples.map(round1), p50Ms: round1(median(samples)), p95Ms: round1(percentile(samples, 95)) };
}

/** How many times the floor an app's p50 takes (3 decimals); 0 when the floor is unknown. */
export const ratioOf = (appP50: number, bareP50: number): number => (bareP50 > 0 ? Number((appP50 / bareP50).toFixed(3)) : 0);
