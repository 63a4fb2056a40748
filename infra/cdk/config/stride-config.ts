import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The committed example deployment; a real one passes its own file in STRIDE_CONFIG. */
export const DEFAULT_CONFIG_FILE = path.resolve(import.meta.dirname, 'stride.config.json');

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region name such as us-east-1');
const dnsName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a lowercase DNS name such as stride.example.com');

export const strideConfigSchema = z
  .object({
    /** The AWS account every stack deploys to (explicit: cross-region references need it). */
    account: z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
    /** The site's name; the API answers at api.<domainName>. */
    domainName: dnsName,
    hostedZone: z.strictObject({
      /** Route 53 hosted zone id (no lookup at synth: it is written here). */
      id: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ'),
      name: dnsName,
    }),
    regions: z.strictObject({
      /** CloudFront, its certificate, WAF and Lambda@Edge only live in us-east-1, so the primary is fixed there. */
      primary: z.literal('us-east-1', { error: 'must be us-east-1 (CloudFront, Lambda@Edge and their WAF and certificate live there)' }),
      secondary: region,
    }),
    healthCheck: z.strictObject({
      /** Route 53 supports exactly two request intervals. */
      intervalSeconds: z.union([z.literal(10), z.literal(30)], { error: 'must be 10 or 30 (the intervals Route 53 offers)' }),
      failureThreshold: z.int().min(1, 'must be from 1 to 10').max(10, 'must be from 1 to 10'),
    }),
    api: z.strictObject({
      memoryMb: z.int().min(128, 'must be from 128 to 10240').max(10240, 'must be from 128 to 10240'),
      timeoutSeconds: z
        .int()
        .min(1, 'must be from 1 to 29 (API Gateway gives up after 29 s)')
        .max(29, 'must be from 1 to 29 (API Gateway gives up after 29 s)'),
      /** The SRE kill switch: 0 stops the API in both regions; null leaves concurrency unreserved. */
      reservedConcurrency: z.int().min(0, 'must be 0 or more, or null for unreserved').nullable(),
    }),
    waf: z.strictObject({
      /** Requests per client IP in any 5-minute window before WAF blocks it. */
      rateLimitPer5Minutes: z.int().min(100, 'must be from 100 to 2000000000').max(2_000_000_000, 'must be from 100 to 2000000000'),
    }),
    media: z.strictObject({
      /** PEM public key CloudFront verifies signed media cookies with (relative to the config file). */
      signingPublicKeyFile: z.string().min(1, 'must name a PEM file'),
      /** How long the API's signed media cookies stay valid. */
      cookieTtlSeconds: z.int().min(60, 'must be from 60 to 86400').max(86_400, 'must be from 60 to 86400'),
    }),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.regions.secondary === config.regions.primary) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions', 'secondary'],
        message: 'must differ from regions.primary (the point is a second region)',
      });
    }
    const zone = config.hostedZone.name;
    if (config.domainName !== zone && !config.domainName.endsWith(`.${zone}`)) {
      ctx.addIssue({ code: 'custom', path: ['domainName'], message: `must be inside hostedZone.name (${zone})` });
    }
  });

export type StrideConfigInput = z.input<typeof strideConfigSchema>;

export interface StrideConfig extends Omit<z.output<typeof strideConfigSchema>, 'media'> {
  readonly media: { readonly signingPublicKeyPem: string; readonly cookieTtlSeconds: number };
}

export class StrideConfigError extends Error {
  override name = 'StrideConfigError';
}

const fieldName = (issuePath: readonly PropertyKey[]): string => (issuePath.length === 0 ? '(config)' : issuePath.map(String).join('.'));

/**
 * Validates a parsed config; every problem is reported with the field it belongs to.
 * `baseDir` resolves the media public key file.
 */
export function parseStrideConfig(raw: unknown, source: string, baseDir: string): StrideConfig {
  const parsed = strideConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${fieldName(issue.path)}: ${issue.message}`);
    throw new StrideConfigError(`${source} is not a valid Stride deployment config:\n${lines.join('\n')}`);
  }
  const { media, ...rest } = parsed.data;
  const keyFile = path.resolve(baseDir, media.signingPublicKeyFile);
  let pem: string;
  try {
    pem = readFileSync(keyFile, 'utf8');
  } catch {
    throw new StrideConfigError(`${source}: media.signingPublicKeyFile: cannot read ${keyFile}`);
  }
  if (!/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\s*$/.test(pem)) {
    throw new StrideConfigError(`${source}: media.signingPublicKeyFile: ${keyFile} is not a PEM public key (-----BEGIN PUBLIC KEY-----)`);
  }
  return { ...rest, media: { signingPublicKeyPem: pem.trim(), cookieTtlSeconds: media.cookieTtlSeconds } };
}

/** Reads and validates a config file (JSON). */
export function loadStrideConfig(file: string = DEFAULT_CONFIG_FILE): StrideConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new StrideConfigError(`${file}: cannot read the Stride deployment config (${reason})`);
  }
  return parseStrideConfig(raw, file, path.dirname(file));
}
