import { setMaxListeners } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DrillEvent } from './events';
import { detectPhases, durations as phaseDurations, type Durations, type Phase } from './phases';
import {
  ADDED_P99_GOAL_MS,
  failoverResumes,
  faultWindowOf,
  percentile,
  playStartSplit,
  replicationLag,
  signInsDuringOutage,
  type PlayStartSplit,
} from './figures';
import { iso, toJournalPhases, toJournalRollback, type Journal } from './record/journal';
import { junitXml } from './record/junit';
import { reportHtml } from './record/report-html';
import { RollbackPlan, type UndoRecord } from './rollback';
import { describeStep, describeUndo, type Scenario } from './scenarios';
import { perSecondSeries, type SecondSample } from './series';
import { checkSteadyState } from './steady-state';
import type { DrillTarget, TableEndpoint } from './targets/target';
import { decideVerdict, type SteadyStateCheck } from './verdict';
import { drillAccounts, probeAccount, readTable, seedAccounts } from './viewers/accounts';
import { emptyRouteCounts } from './viewers/http-client';
import { LightViewer, type ViewerWrite } from './viewers/light-viewer';
import { runReplicationProbe } from './viewers/replication-probe';
import { countLostWrites, progressKey, realPlayerLostWrites, type TableView } from './viewers/lost-writes';
import { sleep } from './sleep';

/** What a drill run takes (the CLI and the console build it). */
export interface DrillSettings {
  readonly scenario: Scenario;
  readonly target: DrillTarget;
  readonly outDir: string;
  readonly lightViewers: number;
  /** Seconds per play of a light viewer (then a 1 s gap and play again). */
  readonly playSec: number;
  /** Steady-state window before the fault and after the steady state returns, s. */
  readonly steadyWindowSec: number;
  readonly maxDurationSec: number;
  /** How often the target is polled. */
  readonly sampleEveryMs: number;
  /** Password of the drill's viewer accounts. */
  readonly viewerPassword: string;
  /** Aborted on Ctrl-C / SIGTERM / a stop from the console: the drill rolls back and records what it saw. */
  readonly signal?: AbortSignal;
  /** Progress lines. */
  readonly log?: (line: string) => void;
  /** Live view (the console's Drills page). */
  readonly onUpdate?: (live: LiveDrill) => void;
  /** Real players (Chromium pages through the CDN), each its own account, alternately on web and TV pages; default 0. */
  readonly realPlayers?: number;
  /** How long the viewers' outboxes may keep delivering after the drill before what is left counts as lost (default 30 s). */
  readonly drainSec?: number;
}

export interface LiveDrill {
  readonly scenario: string;
  readonly status: 'running' | 'finished';
  readonly startedAt: number;
  readonly phases: readonly Phase[];
  readonly plays: number;
  readonly failedPlays: number;
  readonly stalls: number;
  readonly series: readonly SecondSample[];
}

export interface DrillResult {
  readonly journal: Journal;
  readonly durations: Durations;
  readonly files: { readonly journal: string; readonly report: string; readonly junit: string };
}

/** The serving region's rows that differ from the other region's (same keys, different values, or missing). */
function divergentRows(a: TableView, b: TableView): number {
  let n = 0;
  for (const key of new Set([...a.progress.keys(), ...b.progress.keys()])) if (a.progress.get(key) !== b.progress.get(key)) n += 1;
  for (const key of new Set([...a.milestones.keys(), ...b.milestones.keys()])) {
    const x = [...(a.milestones.get(key) ?? [])].sort().join();
    const y = [...(b.milestones.get(key) ?? [])].sort().join();
    if (x !== y) n += 1;
  }
  return n;
}

/**
 * Runs one drill: preflight (the caller's), viewers and polling, steady state before, faults,
 * hold, rollback (also on abort and on running out of time), steady state after, lost writes from
 * both tables, and the record (journal.json, report.html, junit.xml) in `outDir`.
 */
export async function runDrill(settings: DrillSettings): Promise<DrillResult> {
  const { scenario, target } = settings;
  const log = settings.log ?? (() => undefined);
  const startedAt = Date.now();
  const deadline = startedAt + settings.maxDurationSec * 1000;
  const events: DrillEvent[] = [];
  const writes: ViewerWrite[] = [];
  const record = (e: DrillEvent) => events.push(e);
  const stopViewers = new AbortController();
  // Every viewer and player waits on this one signal; many listeners are expected.
  setMaxListeners(10_000, stopViewers.signal);
  const outerSignal = settings.signal;
  let stoppedEarly: string | null = null;
  const stopped = () => {
    if (outerSignal?.aborted && !stoppedEarly) stoppedEarly = `interrupted (${String(outerSignal.reason ?? 'stop requested')})`;
    if (Date.now() > deadline && !stoppedEarly) stoppedEarly = `reached --max-duration ${settings.maxDurationSec} s`;
    return stoppedEarly !== null;
  };
  const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s`;
  const primary = target.primaryRegion;

  const tables: readonly TableEndpoint[] = await target.tables();
  const everyone = drillAccounts(settings.lightViewers + (settings.realPlayers ?? 0), settings.viewerPassword);
  const accounts = everyone.slice(0, settings.lightViewers);
  const playerAccounts = everyone.slice(settings.lightViewers);
  const probe = probeAccount(settings.viewerPassword);
  await seedAccounts(tables, [...everyone, probe]);
  const targetSettings = await target.settings();
  log(
    `${elapsed()}  ${settings.lightViewers} light viewers signed in as their own accounts, target polled every ${settings.sampleEveryMs} ms`,
  );

  // Workouts of programs launched before these drills and licensed everywhere, so a refusal is never the reason a play fails.
  const workouts = ['w-hiit30-01', 'w-yoga-01', 'w-pilates-01', 'w-kb-01', 'w-mobility-01', 'w-hiit30-02', 'w-yoga-02', 'w-pilates-02'];
  const drainMs = (settings.drainSec ?? 30) * 1000;
  const routes = emptyRouteCounts();
  const viewers = accounts.map(
    (account, i) =>
      new LightViewer({
        name: `viewer-${i + 1}`,
        account,
        siteUrl: target.siteUrl,
        workoutId: workouts[i % workouts.length] ?? 'w-hiit30-01',
        record,
        recordWrite: (w) => writes.push(w),
        playSec: settings.playSec,
        gapSec: 1,
        startDelayMs: i * 150,
        signal: stopViewers.signal,
        drainMs,
        routes,
      }),
  );
  // Polling: one sample at a time, printing phases as they appear.
  let printed = 0;
  const announce = () => {
    const phases = detectPhases(events, primary);
    for (const p of phases.slice(printed)) log(`${elapsed()}  phase ${p.name}`);
    printed = Math.max(printed, phases.length);
    settings.onUpdate?.({
      scenario: scenario.name,
      status: 'running',
      startedAt,
      phases,
      plays: viewers.reduce((n, v) => n + v.stats.plays, 0),
      failedPlays: viewers.reduce((n, v) => n + v.stats.failedPlays, 0),
      stalls: viewers.reduce((n, v) => n + v.stats.stalls, 0),
      series: perSecondSeries(events, startedAt, Date.now()),
    });
  };
  let polling = true;
  const poller = (async () => {
    let lastLine = Date.now();
    while (polling) {
      try {
        const s = await target.sample();
        record({
          t: Date.now(),
          type: 'sample',
          primaryHealthy: s.primaryHealthy,
          secondaryHealthy: s.secondaryHealthy,
          dnsAnswer: s.dnsAnswer,
          viewersResolveTo: s.viewersResolveTo,
          injected: s.injected.length > 0,
        });
        if (Date.now() - lastLine >= 5_000) {
          lastLine = Date.now();
          const plays = viewers.reduce((n, v) => n + v.stats.plays, 0);
          const failed = viewers.reduce((n, v) => n + v.stats.failedPlays, 0);
          log(
            `${elapsed()}  primary ${s.primaryHealthy ? 'healthy' : 'UNHEALTHY'}, Route 53 answers ${s.dnsAnswer}, viewers on ${s.viewersResolveTo ?? '?'}; plays ${plays}, failed ${failed}`,
          );
        }
      } catch (error) {
        log(`${elapsed()}  poll failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      announce();
      await sleep(settings.sampleEveryMs);
    }
  })();

  const running = viewers.map((v) => v.run());
  const probing = runReplicationProbe({
    siteUrl: target.siteUrl,
    account: probe,
    workoutId: 'w-hiit30-01',
    record,
    signal: stopViewers.signal,
  }).catch((error: unknown) =>
    log(`${elapsed()}  the replication probe stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
  let playersIn = 0;
  let allPlayersIn!: () => void;
  const playersSignedIn = new Promise<void>((resolve) => (allPlayersIn = resolve));
  if (playerAccounts.length === 0) allPlayersIn();
  const extra =
    playerAccounts.length > 0
      ? import('./viewers/real-players').then(({ runRealPlayers }) =>
          runRealPlayers({
            siteUrl: target.siteUrl,
            accounts: playerAccounts,
            workoutIds: workouts.slice().reverse(),
            playSec: settings.playSec,
            record,
            signal: stopViewers.signal,
            drainMs,
            onSignedIn: () => {
              playersIn += 1;
              if (playersIn === playerAccounts.length) allPlayersIn();
            },
          }),
        )
      : undefined;

  // Players that could not start (no Chromium) do not hold the drill up.
  void extra?.then(allPlayersIn, allPlayersIn);
  const rollback = new RollbackPlan();
  const steps: { at: string; action: string }[] = [];
  let before: SteadyStateCheck | null = null;
  let after: SteadyStateCheck | null = null;
  let undone: UndoRecord[] = [];
  /** Viewers are counted from the steady-state window on (signing in is not part of the drill). */
  let countFrom = startedAt;
  let resumedElsewhere = false;
  try {
    // Everyone signs in first (bounded), the real players through their first (cold) page load,
    // then the steady state is measured: no warm-up is counted as a play before or in the fault.
    const signedIn = Promise.all([...viewers.map((v) => v.signedIn), playersSignedIn]).then(() => true);
    const allIn = await Promise.race([
      signedIn,
      sleep(Math.max(0, Math.min(60_000, deadline - Date.now())), outerSignal).then(() => false),
    ]);
    log(`${elapsed()}  ${allIn ? 'every viewer signed in' : 'not every viewer could sign in'}`);
    // Steady state before.
    const windowStart = Date.now();
    countFrom = windowStart;
    log(`${elapsed()}  checking the steady state for ${settings.steadyWindowSec} s before the fault`);
    while (Date.now() - windowStart < settings.steadyWindowSec * 1000 && !stopped()) await sleep(200, outerSignal);
    before = checkSteadyState(events, windowStart, Date.now());
    log(
      `${elapsed()}  steady state before: ${
        before.held
          ? 'held'
          : `did not hold (${before.checks
              .filter((c) => !c.ok)
              .map((c) => c.name)
              .join('; ')})`
      }`,
    );

    if (before.held && !stopped()) {
      for (const step of scenario.faults) {
        rollback.push(describeUndo(step), () => target.undo(step));
        await target.apply(step);
        if (steps.length === 0) record({ t: Date.now(), type: 'fault-applied' });
        // The viewers open their workout on another device as the region fault begins: how far back does a failover resume them?
        if (step.kind.startsWith('region-') && !resumedElsewhere) {
          resumedElsewhere = true;
          void Promise.all(viewers.map((v) => v.resumeElsewhere()));
        }
        steps.push({ at: iso(Date.now()), action: describeStep(step) });
        log(`${elapsed()}  fault: ${describeStep(step)}`);
      }
      // Hold.
      const appliedAt = Date.now();
      const hold = scenario.hold;
      let failedOverAt: number | null = null;
      while (!stopped()) {
        const heldFor = (Date.now() - appliedAt) / 1000;
        if (hold.kind === 'for' && heldFor >= hold.seconds) break;
        if (hold.kind === 'until-failover') {
          const seen = new Set(detectPhases(events, primary).map((p) => p.name));
          if (seen.has('dns-flipped') && seen.has('first-success-elsewhere') && failedOverAt === null) failedOverAt = Date.now();
          if (failedOverAt !== null && Date.now() - failedOverAt >= hold.thenSec * 1000) break;
          if (heldFor >= hold.orAfterSec) break;
        }
        await sleep(200, outerSignal);
      }
    }
  } finally {
    // Rollback: on success, failure, abort and timeout alike.
    if (rollback.pending > 0) {
      record({ t: Date.now(), type: 'fault-removed' });
      log(`${elapsed()}  rollback: ${rollback.order().join(', then ')}`);
    }
    undone = await rollback.run();
  }

  // Back to steady (bounded), then the steady-state window after.
  if (before?.held) {
    // A little past the deadline is allowed here: the faults are off, and the record is worth having.
    const recoverBy = Math.max(deadline, Date.now() + 5_000);
    while (!detectPhases(events, primary).some((p) => p.name === 'steady-again') && Date.now() < recoverBy && !outerSignal?.aborted)
      await sleep(200);
    const steadyAt = detectPhases(events, primary).find((p) => p.name === 'steady-again')?.at;
    if (steadyAt === undefined) {
      stoppedEarly ??= 'the steady state did not return before the time ran out';
    } else if (!outerSignal?.aborted) {
      const windowEnd = Math.min(steadyAt + settings.steadyWindowSec * 1000, recoverBy + settings.steadyWindowSec * 1000);
      while (Date.now() < windowEnd && !outerSignal?.aborted) await sleep(200);
      after = checkSteadyState(events, steadyAt, Date.now());
      log(`${elapsed()}  steady state after: ${after.held ? 'held' : 'did not hold'}`);
    }
  }

  // Stop viewers (their last saves go out), stop polling, let replication settle, read both tables.
  stopViewers.abort();
  log(`${elapsed()}  viewers stopped; their outboxes deliver what they still hold (at most ${drainMs / 1000} s)`);
  await Promise.all([...running, probing]);
  const realCounts = extra
    ? await extra.catch((error: unknown) => {
        log(`${elapsed()}  the real players failed to run: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      })
    : undefined;
  polling = false;
  await poller;
  const lastSample = [...events].reverse().find((e) => e.type === 'sample');
  const servingRegion = lastSample?.type === 'sample' && lastSample.viewersResolveTo === 'secondary' ? target.secondaryRegion : primary;
  await sleep(Math.max(1_500, (targetSettings.replicationLagMs ?? 1_000) * 2));
  const userIds = accounts.map((a) => a.id);
  const views = new Map<string, TableView>();
  for (const table of tables) views.set(table.region, await readTable(table, userIds));
  const serving = views.get(servingRegion) ?? { progress: new Map(), milestones: new Map() };
  const other = [...views.entries()].find(([r]) => r !== servingRegion)?.[1] ?? serving;
  const lost = countLostWrites(writes, serving);
  // The real players' writes: what their app's outbox never got acknowledged, and the final position checked in the table.
  let realLost: ReturnType<typeof realPlayerLostWrites> | undefined;
  if (realCounts) {
    const servingTable = tables.find((t) => t.region === servingRegion) ?? tables[0];
    const playerView = servingTable
      ? await readTable(
          servingTable,
          playerAccounts.map((a) => a.id),
        )
      : undefined;
    realLost = realPlayerLostWrites(realCounts.writes, (userId, workoutId) => {
      const key = progressKey(userId, workoutId);
      const positionSec = playerView?.progress.get(key);
      return positionSec === undefined ? undefined : { positionSec, savedAt: playerView?.progressSavedAt?.get(key) ?? null };
    });
  }
  const endedAt = Date.now();

  const counted = events.filter((e) => e.t >= countFrom);
  const tally = (type: DrillEvent['type'], who?: string) =>
    counted.filter((e) => e.type === type && (who === undefined || ('viewer' in e && e.viewer.startsWith(who)))).length;
  const realTally = realCounts
    ? {
        plays: tally('play-started', 'player-'),
        failedPlays: tally('play-failed', 'player-'),
        stalls: tally('stall', 'player-'),
        lostWrites: realLost?.lost ?? 0,
        unacknowledgedWrites: realLost?.unacknowledged ?? 0,
        finalSaveNotInTable: realLost?.notInTable ?? 0,
      }
    : undefined;
  const counts = {
    plays: tally('play-started'),
    failedPlays: tally('play-failed'),
    stalls: tally('stall'),
    lostWrites: lost.lost + (realLost?.lost ?? 0),
  };
  // Issue 13's figures, from the recorded events.
  const window = faultWindowOf(events);
  const populations: { key: 'light' | 'realWeb' | 'realTv'; who: string; prefix: string }[] = [
    { key: 'light', who: 'by light viewers', prefix: 'viewer-' },
    { key: 'realWeb', who: 'by real players on web pages', prefix: 'player-web-' },
    { key: 'realTv', who: 'by real players on TV pages', prefix: 'player-tv-' },
  ];
  const playStart: Partial<Record<'light' | 'realWeb' | 'realTv', PlayStartSplit>> = {};
  // Every play that started, from the first (a steady window shorter than a play may hold no
  // press of play; without the plays pressed right after signing in there would be no "before").
  const startsCounted = events.filter((e) => e.type === 'first-frame');
  for (const p of populations) {
    const split = playStartSplit(startsCounted, window, (v) => v.startsWith(p.prefix), p.key === 'light');
    if (split.before.plays + split.during.plays + split.after.plays > 0) playStart[p.key] = split;
  }
  const lag = replicationLag(events);
  const resumes = failoverResumes(events, window, primary, lag.maxMs);
  const signIns = signInsDuringOutage(events, window, primary);
  const verdict = decideVerdict({
    before: before ?? { held: false, checks: [{ name: 'the steady state was checked', ok: false, seen: 'no' }] },
    after,
    viewers: counts,
    ...(stoppedEarly ? { stoppedEarly } : {}),
    goals: {
      addedP99Ms: populations.flatMap((p) => {
        const split = playStart[p.key];
        return split ? [{ who: p.who, ms: split.addedP99Ms }] : [];
      }),
      addedP99GoalMs: ADDED_P99_GOAL_MS,
      signIns,
    },
  });
  const phases = detectPhases(events, primary);
  const durations = phaseDurations(phases, events);
  const startMs = viewers.flatMap((v) => v.stats.startMs);
  const back = viewers.flatMap((v) => v.stats.resumedBackSec);
  const journal: Journal = {
    scenario: scenario.name,
    verdict: verdict.verdict,
    steadyState: { hypothesis: scenario.expects, before, after, deviations: verdict.reasons },
    method: {
      target: target.kind,
      siteUrl: target.siteUrl,
      primaryRegion: primary,
      secondaryRegion: target.secondaryRegion,
      startedAt: iso(startedAt),
      endedAt: iso(endedAt),
      settings: targetSettings,
      viewers: { light: settings.lightViewers, real: settings.realPlayers ?? 0, playSec: settings.playSec },
      steps,
      stoppedEarly,
    },
    rollback: toJournalRollback(undone),
    phases: toJournalPhases(phases),
    series: perSecondSeries(events, startedAt, endedAt),
    viewers: {
      ...counts,
      detail: {
        lostProgressSaves: lost.lostProgress,
        lostMilestones: lost.lostMilestones,
        writes: writes.length,
        servingRegion,
        playStartMs: { p50: percentile(startMs, 50), p99: percentile(startMs, 99) },
        resumedBack: { count: back.length, maxSec: back.length === 0 ? 0 : Math.max(...back) },
        divergentRows: divergentRows(serving, other),
        ...(realTally ? { realPlayers: realTally } : {}),
      },
    },
    figures: {
      playStart,
      addedP99GoalMs: ADDED_P99_GOAL_MS,
      replicationLag: lag,
      failoverResumes: {
        viewers: resumes.length,
        maxBackSec: resumes.length === 0 ? null : Math.max(...resumes.map((r) => r.backSec)),
        beyondLag: resumes.filter((r) => r.beyondLag).length,
        each: resumes,
      },
      signInsDuringFault: signIns,
      apiTries: routes,
    },
  };
  mkdirSync(settings.outDir, { recursive: true });
  const files = {
    journal: path.join(settings.outDir, 'journal.json'),
    report: path.join(settings.outDir, 'report.html'),
    junit: path.join(settings.outDir, 'junit.xml'),
  };
  writeFileSync(files.journal, `${JSON.stringify(journal, null, 2)}\n`);
  writeFileSync(files.report, reportHtml(journal, durations, scenario.summary));
  writeFileSync(files.junit, junitXml(journal));
  // Every observation, one per line, for whoever wants to look closer than the per-second series.
  writeFileSync(path.join(settings.outDir, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  settings.onUpdate?.({
    scenario: scenario.name,
    status: 'finished',
    startedAt,
    phases,
    plays: counts.plays,
    failedPlays: counts.failedPlays,
    stalls: counts.stalls,
    series: journal.series,
  });
  return { journal, durations, files };
}
