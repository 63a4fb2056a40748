import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ContentError } from './content';

// Lowercase canonical paths, as the edge matches them (it lowercases what the viewer sends).
const canonicalPath = z
  .string()
  .regex(/^(?:\/|(\/[a-z0-9][a-z0-9._~-]*)+)$/, 'must be a lowercase path like /go/hiit (no trailing slash, query or host)');

/** web/content/redirects.json: marketing vanity paths, baked into the edge at build. */
export const redirectsSchema = z.strictObject({
  redirects: z.array(
    z.strictObject({
      from: canonicalPath,
      to: canonicalPath,
      /** 302 by default: campaigns end and their paths get reused. */
      status: z.union([z.literal(301), z.literal(302)]).optional(),
    }),
  ),
});

export type Redirect = z.infer<typeof redirectsSchema>['redirects'][number];

/**
 * Reads and validates the redirect map. `pagePaths` are the pages the build emits: a redirect
 * must land on one of them and must not shadow one. Every problem names the file and field.
 */
export async function loadRedirects(file: string, pagePaths: ReadonlySet<string>): Promise<Redirect[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ContentError(
      `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `not valid JSON (${(error as Error).message})`}`,
    );
  }
  const parsed = redirectsSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file}: ${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
  } else {
    const seen = new Set<string>();
    parsed.data.redirects.forEach((r, i) => {
      if (!pagePaths.has(r.to)) problems.push(`${file}: redirects.${i}.to: "${r.to}" is not a page the site builds`);
      if (pagePaths.has(r.from)) problems.push(`${file}: redirects.${i}.from: "${r.from}" is a page; the redirect would hide it`);
      if (seen.has(r.from)) problems.push(`${file}: redirects.${i}.from: "${r.from}" is listed twice`);
      seen.add(r.from);
    });
  }
  if (problems.length > 0 || !parsed.success)
    throw new ContentError(`Redirects have ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return parsed.data.redirects;
}
