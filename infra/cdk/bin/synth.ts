import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createStrideApp, defaultEdgeBundleDirs } from './app';

// `npm run synth`: CloudFormation templates into infra/cdk.out, offline, and a summary of each stack.
const outdir = path.resolve(import.meta.dirname, '..', '..', 'cdk.out');
const missing = Object.values(defaultEdgeBundleDirs())
  .map((dir) => path.join(dir, 'index.js'))
  .filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(`synth: ${missing.join(', ')} missing; run npm run build first (the edge bundles are deployment assets).`);
  process.exit(1);
}

// aws-cdk-lib's built-in offline CloudFormation validation writes this report when it has findings.
const reportFile = path.join(outdir, 'validation-report.json');
rmSync(reportFile, { force: true });

try {
  const { app } = createStrideApp({ outdir });
  const assembly = app.synth();
  for (const stack of assembly.stacks) {
    const resources = Object.values((stack.template as { Resources?: Record<string, { Type: string }> }).Resources ?? {});
    const byType = new Map<string, number>();
    for (const resource of resources) byType.set(resource.Type, (byType.get(resource.Type) ?? 0) + 1);
    const deps = stack.dependencies.map((d) => d.id).filter((id) => !id.endsWith('.assets'));
    console.log(
      `${stack.stackName} (${stack.environment.region}): ${resources.length} resources → ${path.relative(process.cwd(), path.join(outdir, stack.templateFile))}${deps.length ? ` (after ${deps.join(', ')})` : ''}`,
    );
    for (const [type, count] of [...byType].sort()) console.log(`  ${String(count).padStart(3)} × ${type}`);
  }
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      pluginReports?: { pluginName: string; conclusion: string; violations: unknown[] }[];
    };
    for (const plugin of report.pluginReports ?? []) {
      console.log(`${plugin.pluginName}: ${plugin.conclusion}, ${plugin.violations.length} violation(s)`);
      if (plugin.conclusion !== 'success' || plugin.violations.length > 0) process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(`synth: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
