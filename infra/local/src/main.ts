import { buildIfStale, strideBuildSteps } from './build/stale';
import { ConfigError, configFromEnv } from './config';
import { PortInUseError } from './listen';
import { localPaths } from './paths';
import { startLocalStack } from './stack';

// `npm start`: build what is stale, then run the AWS-shaped local stack until Ctrl-C.
async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  buildIfStale(strideBuildSteps(localPaths.repoRoot), (line) => console.log(`[stride] ${line}`));
  const stack = await startLocalStack(config);

  const rows = [
    ['site (local CloudFront)', stack.siteUrl],
    ...Object.entries(stack.regions).map(([region, url]) => [`API ${region}`, `${url}/api/ping`]),
  ];
  console.log(`\nStride is running:\n${rows.map(([what, url]) => `  ${what?.padEnd(26)} ${url}`).join('\n')}\n\nPress Ctrl-C to stop.`);
  // One machine-readable line for tools (the e2e fixture) that start the stack on free ports.
  console.log(`[stride] ready ${JSON.stringify({ site: stack.siteUrl, regions: stack.regions })}`);

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
  if (error instanceof ConfigError || error instanceof PortInUseError) {
    console.error(`[stride] ${error.message}`);
    process.exit(2);
  }
  console.error('[stride] failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
