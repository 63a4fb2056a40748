import { z } from 'zod';

const port = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number from 0 to 65535 (0 = any free port), got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

const envSchema = z.object({
  PORT: port('PORT', 8080),
  STRIDE_API_PORT: port('STRIDE_API_PORT', 8081),
});

export interface LocalStackConfig {
  /** The local CloudFront (the site). */
  readonly sitePort: number;
  /** The us-east-1 API region. */
  readonly apiPort: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the local stack's settings from the environment, with a message naming any bad one. */
export function configFromEnv(env: NodeJS.ProcessEnv): LocalStackConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => i.message).join('\n'));
  return { sitePort: parsed.data.PORT, apiPort: parsed.data.STRIDE_API_PORT };
}
