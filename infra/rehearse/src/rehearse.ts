import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_TABLE_NAME } from '../../api/src/table';
import { loadStrideConfig } from '../../cdk/config/stride-config';
import { seedAccounts } from '../../drill/src/viewers/accounts';
import { analyse, type Report } from './analysis';
import type { SiteFacts } from './journeys';
import { runLoad } from './load';
import { readConsole, sampleConsole, type ConsoleSample } from './observe';
import { totalDurationSec, targetRate, type Profile } from './profile';
import { reportHtml } from './report-html';
import { arrivalSchedule, journeyKind } from './viewers';

const CATALOG_DIR = path.resolve(import.meta.dirname, '../../../web/content/programs');

/** Bad input or a stack that is not there: the CLI exits 2 with this message. */
export class RehearsalRefused extends Error {
  override name = 'RehearsalRefused';
}

const programFile = z.object({
  slug: z.string(),
  launchAt: z.string(),
  countries: z.array(z.string()).optional(),
  workouts: z.array(z.object({ id: z.string(), durationSec: z.number() })).min(1),
});

/** The launched program from the catalog: its first workout and where it is licensed (no list: everywhere). */
export function launchedProgram(
  slug: string,
  dir = CATALOG_DIR,
  now = new Date(),
): { workoutId: string; durationSec: number; isLicensed: (country: string) => boolean } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, `${slug}.json`), 'utf8'));
  } catch {
    throw new RehearsalRefused(`program: no program "${slug}" in ${dir}`);
  }
  const program = programFile.parse(raw);
  if (Date.parse(program.launchAt) > now.getTime())
    throw new RehearsalRefused(
      `program: "${slug}" launches at ${program.launchAt}; a rehearsal needs a launched program (its pages and playback answer 403/coming soon before)`,
    );
  const workout = program.workouts[0];
  if (!workout) throw new RehearsalRefused(`program: "${slug}" has no workouts`);
  const countries = program.countries;
  return { workoutId: workout.id, durationSec: workout.durationSec, isLicensed: (c) => countries === undefined || countries.includes(c) };
}

/** The hashed JS and CSS the home page loads (one of each at most: what every first visit fetches). */
export function homeAssets(html: string): string[] {
  const found = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  const js = found.find((a) => a.endsWith('.js'));
  const css = found.find((a) => a.endsWith('.css'));
  return [js, css].filter((a): a is string => a !== undefined);
}

export interface RehearsalOptions {
  readonly profile: Profile;
  readonly siteUrl: string;
  readonly consoleUrl: string;
  readonly outDir: string;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
}

export const REHEARSAL_PASSWORD = 'stride-rehearsal-1';

/** Runs one rehearsal against a running local stack and writes report.json and report.html. */
export async function rehearse(options: RehearsalOptions): Promise<Report> {
  const { profile } = options;
  const log = options.log ?? (() => undefined);
  const program = launchedProgram(profile.program);
  const before: ConsoleSample = await readConsole(options.consoleUrl, 0).catch((error: unknown) => {
    throw new RehearsalRefused(error instanceof Error ? error.message : String(error));
  });
  let home: string;
  try {
    const response = await fetch(`${options.siteUrl}/`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    home = await response.text();
  } catch (error) {
    throw new RehearsalRefused(
      `The site at ${options.siteUrl} did not answer (${error instanceof Error ? error.message : String(error)}). Start the stack with \`npm start\`, pass --site <url>, or use --start.`,
    );
  }

  const accounts = Array.from({ length: profile.accounts }, (_, i) => ({
    id: `u-drill-rehearsal-${i + 1}`,
    email: `rehearsal-${i + 1}@stride.test`,
    password: REHEARSAL_PASSWORD,
  }));
  log(`seeding ${accounts.length} subscribed accounts into ${before.tables.length} table replicas`);
  // Seeded through the table (as the stack seeds its demo accounts), not signed up: sign-up is throttled per client address, and every rehearsal viewer is 127.0.0.1.
  await seedAccounts(
    before.tables.map((t) => ({ region: t.region, endpoint: t.endpoint, tableName: DEFAULT_TABLE_NAME })),
    accounts,
  );
  const site: SiteFacts = {
    programSlug: profile.program,
    workoutId: program.workoutId,
    workoutDurationSec: program.durationSec,
    assets: homeAssets(home),
    accounts,
  };
  const duration = totalDurationSec(profile);
  // Half-second ticks: arrivals spread within each second, and few enough autocannon runs for a loaded machine.
  const ticks = arrivalSchedule(profile, (t) => targetRate(profile, t), duration, program.isLicensed, 500);
  const viewers = ticks.flatMap((t) => t.viewers);
  const playing = viewers.filter((v) => journeyKind(v) === 'play').length;
  log(
    `profile ${profile.name}: ${viewers.length} viewers over ${duration} s (${playing} sign in and play, ${viewers.filter((v) => !v.licensed).length} outside the licence, ${viewers.filter((v) => v.tv).length} on TVs)`,
  );

  const startedAt = new Date();
  const loadAtStart = uptimeLine();
  const t0 = performance.now();
  const baseline = await readConsole(options.consoleUrl, 0);
  const sampler = sampleConsole(options.consoleUrl, t0);
  let phaseIndex = -1;
  let lastLine = -5;
  const load = await runLoad({
    siteUrl: options.siteUrl,
    site,
    profile,
    ticks,
    ...(options.signal ? { signal: options.signal } : {}),
    progress: (s, sent, answered, errors) => {
      let start = 0;
      const index = profile.phases.findIndex((p) => {
        const inside = s < start + p.durationSec;
        start += p.durationSec;
        return inside;
      });
      if (index !== phaseIndex && index >= 0) {
        phaseIndex = index;
        log(`phase ${profile.phases[index]?.name ?? ''} begins at ${s} s`);
      }
      if (s - lastLine >= 5) {
        lastLine = s;
        log(
          `${String(s).padStart(4)} s  target ${targetRate(profile, s).toFixed(1)}/s  viewers sent ${sent}  answers ${answered}  errors ${errors}${s >= duration ? '  (draining)' : ''}`,
        );
      }
    },
  });
  await sampler.stop();
  const report = analyse({
    profile,
    siteUrl: options.siteUrl,
    startedAt: startedAt.toISOString(),
    endedAt: new Date().toISOString(),
    samples: load.samples,
    transportErrors: load.transportErrors,
    viewersSent: load.viewersSent,
    plannedRequests: load.plannedRequests,
    stoppedJourneys: load.stoppedJourneys,
    console: [baseline, ...sampler.samples],
    api: apiSettings(),
    machine: { uptime: `${loadAtStart} at the start, ${uptimeLine()} at the end`, cpus: os.cpus().length },
    playingShare: viewers.length > 0 ? playing / viewers.length : 0,
  });
  await mkdir(options.outDir, { recursive: true });
  await writeFile(path.join(options.outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(options.outDir, 'report.html'), reportHtml(report));
  return report;
}

/** The API function's memory and reserved concurrency as the CDK config deploys them. */
function apiSettings(): { memoryMb: number; reservedConcurrency: number | null } {
  const config = loadStrideConfig();
  return { memoryMb: config.api.memoryMb, reservedConcurrency: config.api.reservedConcurrency };
}

function uptimeLine(): string {
  const [one, five, fifteen] = os.loadavg().map((l) => l.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen}`;
}
