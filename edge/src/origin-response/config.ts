/** What origin-response knows, baked in at build from the route manifest. */
export interface OriginResponseConfig {
  /** Status-page objects and the status each is served with, e.g. `/404.html` → 404, `/451.html` → 451. */
  readonly statusObjects: Readonly<Record<string, number>>;
}
