import { parseRehearseArgs, USAGE, UsageError, type RehearseArgs } from './args';
import { startLocalStack } from '@stride/e2e/local-stack';
import { loadProfile, ProfileError } from './profile';
import { rehearse, RehearsalRefused } from './rehearse';
import { plainVerdict } from './report-html';

// `npm run rehearse -- [--profile <name>] [--site URL] [--console URL] [--out DIR] [--start]`:
// exit 0 the thresholds held, 1 they did not, 2 bad input or no stack.
const out = (line: string) => process.stdout.write(`[rehearse] ${line}\n`);
const err = (line: string) => process.stderr.write(`[rehearse] ${line}\n`);

async function main(): Promise<number> {
  let args: RehearseArgs;
  try {
    args = parseRehearseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message ? `[rehearse] ${error.message}\n\n` : ''}${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const abort = new AbortController();
  const onSignal = () => {
    err('stopping: no new viewers; the report covers what ran');
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let stop: (() => Promise<void>) | undefined;
  try {
    const profile = loadProfile(args.profile);
    let site = args.site;
    let consoleUrl = args.console;
    if (args.start) {
      // Its own process, not this one: the load generator must not share an event loop (and a CPU)
      // with the stack it measures.
      const own = await startLocalStack({ timeoutMs: 120_000, env: { STRIDE_ACCESS_LOG: 'off' } }).catch((error: unknown) => {
        throw new RehearsalRefused(error instanceof Error ? error.message : String(error));
      });
      stop = own.stop;
      site = own.siteUrl;
      consoleUrl = own.consoleUrl;
      out(`started a local stack: site ${site}, console ${consoleUrl}`);
    }
    out(`profile ${profile.name} against ${site} (console ${consoleUrl}); report in ${args.outDir}`);
    const report = await rehearse({ profile, siteUrl: site, consoleUrl, outDir: args.outDir, log: out, signal: abort.signal });
    out(plainVerdict(report));
    out(
      `cost per million views: $${report.cost.perMillionViews.lambdaEdgeRouting.totalUsd} with Lambda@Edge routing, $${report.cost.perMillionViews.cloudFrontFunctionsRouting.totalUsd} with CloudFront Functions routing`,
    );
    out(`report: ${args.outDir}/report.html`);
    return report.verdict === 'held' ? 0 : 1;
  } catch (error) {
    if (error instanceof ProfileError || error instanceof RehearsalRefused) {
      err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await stop?.();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    err(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
