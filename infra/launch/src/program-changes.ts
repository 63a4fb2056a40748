import type { CatalogFile } from '@stride/contract/releases';
import type { Program } from '@stride/web/content/schema';
import { validatePrograms } from '@stride/web/content/validate-programs';
import { programChanges } from '@stride/web/what-shows-a-program';

/** The fields of a program that differ between two versions of it. */
function changedFields(before: Program, after: Program): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Program>;
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

/** What changed from one set of programs to another, one line each: `+ new`, `~ edited (fields)`, `- removed`. */
export function describeChanges(before: readonly Program[], after: readonly Program[]): string[] {
  const { added, edited, removed } = programChanges(before, after);
  const old = new Map(before.map((p) => [p.slug, p]));
  const lines = [
    ...added.map((slug) => `  + ${slug} (new)`),
    ...edited.map((slug) => {
      const now = after.find((p) => p.slug === slug) as Program;
      return `  ~ ${slug} (${changedFields(old.get(slug) as Program, now).join(', ')})`;
    }),
    ...removed.map((slug) => `  - ${slug} (removed)`),
  ];
  return lines.length > 0 ? lines : ['  nothing'];
}

/** A release's programs, read back from its program files (none when it does not hold valid ones). */
export function programsOfRelease(release: { readonly id: string; readonly catalog: unknown }): Program[] {
  if (!Array.isArray(release.catalog)) return [];
  const files = (release.catalog as Partial<CatalogFile>[]).flatMap((file) =>
    typeof file.name === 'string' && typeof file.text === 'string'
      ? [{ name: file.name, where: `release ${release.id}: ${file.name}`, text: file.text }]
      : [],
  );
  return validatePrograms(files).programs;
}
