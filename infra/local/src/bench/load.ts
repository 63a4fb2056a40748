import { Agent, request } from 'node:http';

/** One load run: `concurrency` keep-alive clients looping over `paths` for `seconds`. */
export interface LoadJob {
  readonly baseUrl: string;
  readonly paths: readonly string[];
  readonly concurrency: number;
  readonly seconds: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly statuses: Record<string, number>;
  readonly xCache: Record<string, number>;
  readonly seconds: number;
  /** Latencies in ms, sorted ascending. */
  readonly latencies: number[];
}

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const xCache: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const deadline = started + job.seconds * 1000;
  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          const cache = String(res.headers['x-cache'] ?? 'none');
          xCache[cache] = (xCache[cache] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: job.concurrency }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i += 1) await one(job.paths[i % job.paths.length] ?? '/');
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, statuses, xCache, seconds: (performance.now() - started) / 1000, latencies };
}

// Runs as its own process (`node --import tsx load.ts '<job json>'`) so the load generator does
// not share an event loop with the servers it measures; prints the result as one JSON line.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  void run(JSON.parse(process.argv[2] ?? '{}') as LoadJob).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
