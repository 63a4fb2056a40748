import { Link } from 'react-router';

export function Unavailable() {
  return (
    <section className="notice">
      <h1>Not available in your country</h1>
      <p>This program is not licensed where you are. Other programs are ready to stream.</p>
      <Link className="button" to="/">
        Browse all programs
      </Link>
    </section>
  );
}
