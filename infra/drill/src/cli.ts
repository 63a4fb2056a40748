import { parseDrillArgs, USAGE, UsageError, type DrillArgs } from './args';
import { runDrill } from './engine';
import { exitCodeFor } from './verdict';
import { describeStep, describeUndo, findScenario, scenarios, type Scenario } from './scenarios';
import { LocalTarget } from './targets/local';
import type { DrillTarget } from './targets/target';

// `npm run drill -- <scenario> [options]`: exit 0 held, 1 viewers hurt (deviated), 2 bad input or refused.
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

function listScenarios(): void {
  for (const s of scenarios()) {
    out(`${s.name}\n  ${s.summary}\n  expects: ${s.expects}\n`);
  }
}

function plan(args: DrillArgs, scenario: Scenario, target: DrillTarget): string[] {
  return [
    `Drill plan: ${scenario.name} against ${target.kind} (site ${target.siteUrl})`,
    `  ${scenario.summary}`,
    `  1. preflight: both health checks healthy, DNS on the primary, nothing injected`,
    `  2. ${args.viewers} light viewers${args.realPlayers > 0 ? ` and ${args.realPlayers} real players` : ''} sign in and play; steady state checked for ${args.steadyWindowSec} s`,
    ...scenario.faults.map((f, i) => `  ${3 + i}. fault: ${describeStep(f)}`),
    `  ${3 + scenario.faults.length}. hold: ${scenario.hold.kind === 'for' ? `${scenario.hold.seconds} s` : `until DNS has flipped and viewers are served by the secondary, then ${scenario.hold.thenSec} s more`}`,
    `  ${4 + scenario.faults.length}. rollback (also on Ctrl-C, SIGTERM or --max-duration ${args.maxDurationSec} s): ${[...scenario.faults].reverse().map(describeUndo).join(', then ')}`,
    `  ${5 + scenario.faults.length}. wait for the steady state, check it for ${args.steadyWindowSec} s, count lost writes in both regions' tables`,
    `  record: ${args.outDir}/{journal.json,report.html,junit.xml}`,
  ];
}

async function buildTarget(args: DrillArgs): Promise<{ target: DrillTarget; stop?: () => Promise<void> }> {
  if (args.target === 'aws') {
    const { awsTargetFromConfigFile } = await import('./targets/aws');
    return { target: await awsTargetFromConfigFile(args.config ?? '') };
  }
  if (args.start) {
    const { startOwnStack } = await import('./local-stack');
    const own = await startOwnStack(process.env);
    out(`[drill] started a local stack: site ${own.stack.siteUrl}, console ${own.stack.consoleUrl}`);
    const target = new LocalTarget(own.stack.consoleUrl, own.stack.siteUrl);
    await target.connect();
    return { target, stop: own.stop };
  }
  const target = new LocalTarget(args.console, args.site);
  if (!args.dryRun) await target.connect();
  return { target };
}

async function main(): Promise<number> {
  let args: DrillArgs;
  try {
    args = parseDrillArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      err(`[drill] ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.list) {
    listScenarios();
    return 0;
  }
  const scenario = findScenario(args.scenario ?? '', {
    errorShare: args.errorShare,
    addedLatencyMs: args.latencyMs,
    holdSec: args.holdSec,
    afterFailoverSec: args.afterFailoverSec,
  });
  if (!scenario) return 2;

  let built: Awaited<ReturnType<typeof buildTarget>>;
  try {
    built = await buildTarget(args);
  } catch (error) {
    err(`[drill] ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const { target, stop } = built;
  try {
    if (args.dryRun) {
      for (const line of plan(args, scenario, target)) out(line);
      out('Dry run: nothing was changed.');
      return 0;
    }
    const unsupported = scenario.faults.map((f) => target.unsupported(f)).filter((r): r is string => r !== undefined);
    const reasons = [...unsupported, ...(await target.preflight())];
    if (reasons.length > 0) {
      err(`[drill] Refusing to start ${scenario.name}:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
      return 2;
    }
    for (const line of plan(args, scenario, target)) out(line);

    const controller = new AbortController();
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals === 1) {
        err(`\n[drill] ${signal}: rolling back, then writing the record…`);
        controller.abort(signal);
      } else err(`[drill] ${signal} again: still rolling back (the faults must come off); please wait`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const result = await runDrill({
        scenario,
        target,
        outDir: args.outDir,
        lightViewers: args.viewers,
        playSec: args.playSec,
        steadyWindowSec: args.steadyWindowSec,
        maxDurationSec: args.maxDurationSec,
        sampleEveryMs: target.kind === 'aws' ? 5_000 : 250,
        viewerPassword: process.env.STRIDE_DRILL_PASSWORD ?? 'stride-drill-1',
        signal: controller.signal,
        log: (line) => out(`[drill] ${line}`),
        realPlayers: args.realPlayers,
        drainSec: args.drainSec,
      });
      const { journal, durations, files } = result;
      const s = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);
      out(
        `[drill] ${journal.verdict.toUpperCase()}: plays ${journal.viewers.plays}, failed plays ${journal.viewers.failedPlays}, stalls ${journal.viewers.stalls}, lost writes ${journal.viewers.lostWrites}`,
      );
      out(
        `[drill] time to detect ${s(durations.timeToDetectMs)}, time to DNS flip ${s(durations.timeToDnsFlipMs)}, failure window ${s(durations.failureWindowMs)}`,
      );
      for (const reason of journal.steadyState.deviations) out(`[drill]   ${reason}`);
      out(`[drill] report: ${files.report}`);
      return exitCodeFor({ verdict: journal.verdict, reasons: journal.steadyState.deviations });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    await stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    err(`[drill] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
