import { buildIfStale, strideBuildSteps } from './build/stale';
import { ConfigError, configFromEnv } from './config';
import { DataDirInUseError } from './data/dynamo';
import { PortInUseError } from './listen';
import { localPaths } from './paths';
import { API_DOMAIN, startLocalStack } from './stack';

/** How the banner names each demo account's subscription. */
const DEMO_LABEL = {
  subscribed: 'subscribed',
  none: 'no subscription',
  trial: 'on a 7-day trial',
  expired: 'trial ended: asked to subscribe',
} as const;

// `npm start`: build what is stale, then run the AWS-shaped local stack until Ctrl-C.
async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  buildIfStale(strideBuildSteps(localPaths.repoRoot), (line) => console.log(`[stride] ${line}`));
  const stack = await startLocalStack(config);

  const regionUrls = Object.fromEntries(Object.values(stack.regions).map((r) => [r.name, r.url]));
  const rows = [
    ['site (local CloudFront)', stack.siteUrl],
    ...Object.values(stack.regions).map((r) => [`API ${r.name}`, `${r.url}/api/ping`]),
    ['console (SRE)', stack.consoleUrl],
  ];
  const hc = config.healthCheck;
  console.log(
    [
      '',
      'Stride is running:',
      ...rows.map(([what, url]) => `  ${what?.padEnd(26)} ${url}`),
      '',
      `  ${API_DOMAIN}: PRIMARY us-east-1, SECONDARY us-west-1, TTL ${config.dnsTtlSeconds} s; health checks every ${hc.intervalMs / 1000} s, threshold ${hc.failureThreshold}, ${hc.checkers} checkers`,
      `  edge functions: ${stack.edgeFunctions.join(', ') || 'none built'}; media bucket: ${config.mediaDir} (replica ${config.mediaReplicaDir})`,
      `  access log: ${config.accessLogFile ?? 'off'}`,
      '',
      'Demo accounts:',
      ...stack.demoAccounts.map((a) => `  ${a.email.padEnd(20)} ${a.password}   (${DEMO_LABEL[a.label]})`),
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  // One machine-readable line for tools (the e2e fixture) that start the stack on free ports; the
  // tables' endpoints let them seed accounts the API cannot create (no subscription) with the SDK.
  const tables = Object.fromEntries(Object.entries(stack.dynamo.replicas).map(([region, replica]) => [region, replica.endpoint]));
  console.log(`[stride] ready ${JSON.stringify({ site: stack.siteUrl, console: stack.consoleUrl, regions: regionUrls, tables })}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[stride] ${signal}: stopping…`);
    stack.close().then(
      () => {
        console.log('[stride] stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('[stride] error while stopping', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PortInUseError || error instanceof DataDirInUseError) {
    console.error(`[stride] ${error.message}`);
    process.exit(2);
  }
  console.error('[stride] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
