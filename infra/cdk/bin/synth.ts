import { existsSync } from 'node:fs';
import path from 'node:path';
import { createStrideApp } from './app';

// `npm run synth`: CloudFormation templates into infra/cdk.out, offline, and a summary of each stack.
const outdir = path.resolve(import.meta.dirname, '..', '..', 'cdk.out');
const bundle = path.resolve(import.meta.dirname, '..', '..', '..', 'edge', 'dist', 'viewer-request', 'index.js');
if (!existsSync(bundle)) {
  console.error(`synth: ${bundle} is missing; run npm run build first (the edge bundle is a deployment asset).`);
  process.exit(1);
}

const { app } = createStrideApp({ outdir });
const assembly = app.synth();
for (const stack of assembly.stacks) {
  const resources = Object.entries((stack.template as { Resources?: Record<string, { Type: string }> }).Resources ?? {});
  const byType = new Map<string, number>();
  for (const [, resource] of resources) byType.set(resource.Type, (byType.get(resource.Type) ?? 0) + 1);
  console.log(`${stack.stackName} (${stack.environment.region}): ${resources.length} resources → ${path.relative(process.cwd(), path.join(outdir, stack.templateFile))}`);
  for (const [type, count] of [...byType].sort()) console.log(`  ${String(count).padStart(3)} × ${type}`);
}
