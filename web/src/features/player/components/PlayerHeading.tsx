import { programPath } from '@stride/contract/urls';
import { Link } from 'react-router';

export interface PlayerHeadingProps {
  /** Unknown in the prerendered shell and until the playback answer arrives. */
  readonly title?: string;
  readonly program?: { readonly slug: string; readonly title: string };
}

/**
 * The page's one h1. The shell and the first client render cannot know the workout (one /watch
 * file serves every id), so they carry a generic, visually hidden "Player" (the page still has
 * a heading to navigate by); the workout's title replaces it once the API names it.
 */
export function PlayerHeading({ title, program }: PlayerHeadingProps) {
  if (!title) return <h1 className="visually-hidden">Player</h1>;
  return (
    <>
      <h1 className="player__title">{title}</h1>
      {program && (
        <p className="player__program">
          <Link to={programPath(program.slug)}>{program.title}</Link>
        </p>
      )}
    </>
  );
}
