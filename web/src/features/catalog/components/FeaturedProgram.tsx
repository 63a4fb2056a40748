import { programPath } from '@stride/contract/urls';
import { Link } from 'react-router';
import { useCatalogSelector } from '../hooks';
import { selectFeatured } from '../catalogSlice';

export function FeaturedProgram() {
  const featured = useCatalogSelector(selectFeatured);
  if (!featured) return null;
  return (
    <section className="hero" aria-labelledby="featured-title">
      <p className="hero__eyebrow">Featured program</p>
      <h2 id="featured-title" className="hero__title">
        {featured.title}
      </h2>
      <p className="hero__tagline">{featured.tagline}</p>
      <Link className="button" to={programPath(featured.slug)}>
        See the program
      </Link>
    </section>
  );
}
