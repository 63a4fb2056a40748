import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runDrill, type LiveDrill } from '../../../drill/src/engine';
import { findScenario, scenarios } from '../../../drill/src/scenarios';
import { LocalTarget } from '../../../drill/src/targets/local';

export interface DrillStartRequest {
  readonly scenario: string;
  readonly viewers?: number;
  readonly playSec?: number;
  readonly maxDurationSec?: number;
}

export interface PastDrill {
  readonly id: string;
  readonly scenario: string;
  readonly verdict: string;
  readonly startedAt: string;
  readonly plays: number;
  readonly failedPlays: number;
}

export class DrillRefused extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
    readonly reasons: readonly string[] = [],
  ) {
    super(message);
  }
}

const ID = /^[0-9TZ-]+-[a-z-]+$/;

/**
 * Drills started from the console's Drills page: the drill engine (infra/drill) run in this
 * process against this stack through its own console API, one at a time, stoppable (the stop
 * rolls back), each leaving its record in `dir/<id>/`.
 */
export class DrillRunner {
  private current: { id: string; live: LiveDrill | null; controller: AbortController; done: Promise<void> } | undefined;
  private lastError: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly urls: () => { console: string; site: string },
  ) {}

  scenarios() {
    return scenarios().map((s) => ({ name: s.name, summary: s.summary, expects: s.expects }));
  }

  status() {
    return {
      running: this.current ? { id: this.current.id, live: this.current.live } : null,
      lastError: this.lastError,
      past: this.past(),
    };
  }

  past(): PastDrill[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((id) => ID.test(id) && existsSync(path.join(this.dir, id, 'journal.json')))
      .sort()
      .reverse()
      .slice(0, 50)
      .map((id) => {
        const j = JSON.parse(readFileSync(path.join(this.dir, id, 'journal.json'), 'utf8')) as {
          scenario: string;
          verdict: string;
          method: { startedAt: string };
          viewers: { plays: number; failedPlays: number };
        };
        return {
          id,
          scenario: j.scenario,
          verdict: j.verdict,
          startedAt: j.method.startedAt,
          plays: j.viewers.plays,
          failedPlays: j.viewers.failedPlays,
        };
      });
  }

  /** A past drill's file (report.html, journal.json, junit.xml), or undefined. */
  file(id: string, name: 'report.html' | 'journal.json' | 'junit.xml'): string | undefined {
    if (!ID.test(id)) return undefined;
    const file = path.join(this.dir, id, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  async start(request: DrillStartRequest): Promise<string> {
    const scenario = findScenario(request.scenario);
    if (!scenario)
      throw new DrillRefused(
        400,
        `No scenario "${request.scenario}"; scenarios are ${scenarios()
          .map((s) => s.name)
          .join(', ')}`,
      );
    if (this.current) throw new DrillRefused(409, `A drill is already running (${this.current.id}); stop it first`);
    const { console: consoleUrl, site } = this.urls();
    const target = new LocalTarget(consoleUrl, site);
    await target.connect();
    const reasons = await target.preflight();
    if (reasons.length > 0) throw new DrillRefused(409, 'Preflight refused the drill', reasons);
    const id = `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}Z-${scenario.name}`;
    mkdirSync(this.dir, { recursive: true });
    const controller = new AbortController();
    const entry = { id, live: null as LiveDrill | null, controller, done: Promise.resolve() };
    this.current = entry;
    this.lastError = null;
    entry.done = runDrill({
      scenario,
      target,
      outDir: path.join(this.dir, id),
      lightViewers: request.viewers ?? 6,
      playSec: request.playSec ?? 20,
      steadyWindowSec: 10,
      maxDurationSec: request.maxDurationSec ?? 600,
      sampleEveryMs: 250,
      viewerPassword: 'stride-drill-1',
      signal: controller.signal,
      onUpdate: (live) => (entry.live = live),
      log: (line) => console.log(`[drill ${scenario.name}] ${line}`),
    })
      .then(
        () => undefined,
        (error: unknown) => {
          this.lastError = `${id}: ${error instanceof Error ? error.message : String(error)}`;
        },
      )
      .finally(() => {
        if (this.current === entry) this.current = undefined;
      });
    return id;
  }

  /** Stops the running drill (it rolls back and writes its record); resolves when it has. */
  async stop(): Promise<boolean> {
    const running = this.current;
    if (!running) return false;
    running.controller.abort('stopped from the console');
    await running.done;
    return true;
  }
}
