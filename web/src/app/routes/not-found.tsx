import { Link } from 'react-router';

export function NotFoundRoute() {
  return (
    <section className="notice">
      <h1>Page not found</h1>
      <p>There is no page at this address. It may have moved, or the link may be mistyped.</p>
      <Link className="button" to="/">
        Browse all programs
      </Link>
    </section>
  );
}
