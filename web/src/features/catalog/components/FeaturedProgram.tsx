import { programPath } from '@stride/contract/urls';
import { Link } from 'react-router';
import { useCatalogSelector } from '../hooks';
import { selectFeatured } from '../catalogSlice';

/**
 * The home page's first screen: the featured program with its poster. The poster is the page's
 * largest contentful paint (issue 17), so it is in the prerendered HTML, eager, with
 * fetchpriority="high" (React preloads it and the template hoists that preload into the head).
 * Decorative here: the heading beside it names the program.
 */
export function FeaturedProgram() {
  const featured = useCatalogSelector(selectFeatured);
  if (!featured) return null;
  return (
    <section className="hero hero--featured" aria-labelledby="featured-title">
      <p className="hero__eyebrow">Featured program</p>
      <h2 id="featured-title" className="hero__title">
        {featured.title}
      </h2>
      <p className="hero__tagline">{featured.tagline}</p>
      <Link className="button" to={programPath(featured.slug)}>
        See the program
      </Link>
      <img
        className="poster hero__poster"
        src={featured.poster.src}
        width={featured.poster.width}
        height={featured.poster.height}
        alt=""
        fetchPriority="high"
      />
    </section>
  );
}
