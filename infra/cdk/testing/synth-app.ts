import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { parseStrideConfig, type StrideConfig, type StrideConfigInput } from '../config/stride-config';
import { createStrideApp, defaultEdgeBundleDirs } from '../bin/app';
import type { StrideStacks } from '../lib/stride-stacks';
import { EDGE_FUNCTIONS, type EdgeFunctionName } from '../lib/names';

/** A full synth bundles the API with esbuild: seconds alone, much longer on 2 busy cores. */
export const SYNTH_TIMEOUT_MS = 180_000;

/** The deployment the CDK tests synthesize: every field differs from the example config. */
export const testConfigInput: StrideConfigInput = {
  account: '123456789012',
  domainName: 'stride.test',
  hostedZone: { id: 'Z0TESTZONE0000000000', name: 'stride.test' },
  regions: { primary: 'us-east-1', secondary: 'us-west-1' },
  healthCheck: { intervalSeconds: 30, failureThreshold: 2 },
  api: { memoryMb: 768, timeoutSeconds: 12, reservedConcurrency: 40 },
  waf: { rateLimitPer5Minutes: 1500 },
  media: { signingPublicKeyFile: 'media-signing.example.pub.pem', cookieTtlSeconds: 3600 },
};

export const testConfig = (overrides: Partial<StrideConfigInput> = {}): StrideConfig =>
  parseStrideConfig({ ...testConfigInput, ...overrides }, 'test config', path.resolve(import.meta.dirname, '..', 'config'));

/**
 * The real built edge bundles. A function edge/ has not built yet gets a minimal stand-in
 * bundle, so the stack tests (which check templates, not edge behaviour) still run; `npm test`
 * always builds first, so there it is the real bundle.
 */
export function edgeBundleDirsForTests(): Record<EdgeFunctionName, string> {
  const dirs = defaultEdgeBundleDirs();
  for (const name of EDGE_FUNCTIONS) {
    if (existsSync(path.join(dirs[name], 'index.js'))) continue;
    const dir = path.join(mkdtempSync(path.join(tmpdir(), `stride-edge-${name}-`)), name);
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'index.js'),
      'exports.handler = async (event) => event.Records[0].cf.response ?? event.Records[0].cf.request;\n',
    );
    dirs[name] = dir;
  }
  return dirs;
}

export interface SynthesizedStride {
  readonly config: StrideConfig;
  readonly stacks: StrideStacks;
  readonly assembly: CloudAssembly;
  template(stack: keyof StrideStacks): Template;
}

/** Synthesizes the whole app once (call it in beforeAll) and hands out per-stack templates. */
export function synthStride(config: StrideConfig = testConfig()): SynthesizedStride {
  const outdir = mkdtempSync(path.join(tmpdir(), 'stride-cdk-test-'));
  const { app, stacks } = createStrideApp({ config, outdir, edgeBundleDirs: edgeBundleDirsForTests() });
  const assembly = app.synth();
  const templates = new Map<string, Template>();
  return {
    config,
    stacks,
    assembly,
    template(stack) {
      const name = stacks[stack].artifactId;
      let template = templates.get(name);
      if (!template) {
        template = Template.fromJSON(assembly.getStackArtifact(name).template as Record<string, unknown>);
        templates.set(name, template);
      }
      return template;
    },
  };
}
