import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ORIGIN_VERIFY_SECRET, type SecretJsonField } from '../../../distribution/distribution-description';

/**
 * The local stand-in for the `stride/origin-verify` secret in Secrets Manager: the same JSON
 * (`{"current": "…", "previous": "…"}`), generated once into the keys dir (0600). The local
 * CloudFront sends `current` in `x-stride-origin-verify` to the API origin; each region's API
 * accepts `current` or `previous`. To rotate locally: move `current` to `previous`, put a new value
 * in `current`, restart `npm start` (as a deploy of StrideSite would on AWS).
 */
export const ORIGIN_VERIFY_FILE = 'origin-verify.json';

const secretSchema = z.object({
  current: z.string().min(32, 'current must be a random value of at least 32 characters'),
  previous: z.string().min(32, 'previous, when present, must be a random value of at least 32 characters').optional(),
});
export type OriginVerifySecret = z.infer<typeof secretSchema>;

export interface LocalOriginSecret {
  readonly file: string;
  /** The values the API accepts: [current, previous?], read from the file at each call. */
  readValues(): Promise<readonly string[]>;
  /** One JSON field of the secret, as a CloudFormation dynamic reference resolves it at deploy time. */
  resolve(ref: SecretJsonField): string;
}

function parse(file: string, text: string): OriginVerifySecret {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not JSON: delete it and restart to generate a new origin-verify secret`);
  }
  const result = secretSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`${file}: ${problems} (delete the file and restart to generate a new one)`);
  }
  return result.data;
}

/** Generates the secret on first start (kept in `dir`, 0600) and reads it from there. */
export function ensureOriginSecret(dir: string): LocalOriginSecret {
  const file = path.join(dir, ORIGIN_VERIFY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, `${JSON.stringify({ current: randomBytes(32).toString('base64url') }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  // Checked now, so a broken file is reported at start, not at the first API call.
  parse(file, readFileSync(file, 'utf8'));
  return {
    file,
    async readValues() {
      const secret = parse(file, await readFile(file, 'utf8'));
      return secret.previous ? [secret.current, secret.previous] : [secret.current];
    },
    resolve(ref) {
      if (ref.secretName !== ORIGIN_VERIFY_SECRET.secretName) throw new Error(`the local stack has no secret named ${ref.secretName}`);
      const value = (parse(file, readFileSync(file, 'utf8')) as Record<string, string | undefined>)[ref.jsonField];
      if (value === undefined) throw new Error(`${file} has no field "${ref.jsonField}"`);
      return value;
    },
  };
}
