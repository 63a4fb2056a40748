import type { ProgramSummary } from '../../../shared/content/program-summary';

// A fixed locale and time zone: the prerendered text and the hydrating browser must agree.
const launchDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

export function ComingSoon({ program }: { readonly program: ProgramSummary }) {
  return (
    <article className="program">
      <header className="hero">
        <p className="hero__eyebrow">Coming soon</p>
        <h1 className="hero__title">{program.title}</h1>
        <p className="hero__tagline">{program.tagline}</p>
      </header>
      <p>
        Launches <time dateTime={program.launchAt}>{launchDate.format(new Date(program.launchAt))}</time> with {program.trainer}.
      </p>
    </article>
  );
}
