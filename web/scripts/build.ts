import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError } from './content';
import { buildSite } from './site-build';

// `npm run build -w web [-- --full]`: renders only what changed since the last build when the
// code and templates did not change (see site-build.ts); --full builds everything.
async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { full: { type: 'boolean', default: false } }, strict: true });
  const report = await buildSite({ mode: values.full ? 'full' : 'auto', log: (line) => console.log(`web: ${line}`) });
  const where = path.relative(process.cwd(), path.resolve(import.meta.dirname, '..', 'dist', 'client'));
  if (report.mode === 'full')
    console.log(
      `web: ${report.programs} programs → ${report.pages} pages, ${report.dataFiles} page-data files in ${report.ms} ms (${where})`,
    );
  else
    console.log(
      `web: ${report.programs} programs; rendered ${report.rendered} of ${report.pages} pages and ${report.dataFiles} page-data files; ` +
        `${report.changed?.length ?? 0} object(s) changed, ${report.removed.length} removed in ${report.ms} ms (${where})`,
    );
}

main().catch((error: unknown) => {
  console.error(error instanceof ContentError || (error instanceof TypeError && 'code' in error) ? error.message : error);
  process.exitCode = 1;
});
