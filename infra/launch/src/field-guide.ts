/**
 * What each field of a program file means, printed by `launch new` beside the file it writes.
 * Program files are plain JSON (the build, the API and `check` all read them with JSON.parse, so
 * they cannot carry comments); the guide lives here, next to the command, rather than in a
 * sidecar file per program that would drift from the file it explains.
 */
export const FIELD_GUIDE: readonly (readonly [field: string, meaning: string])[] = [
  ['slug', 'the program’s address: /programs/<slug>; must equal the file name (without .json); never change it after launch'],
  ['title', 'the program’s name on its page, cards and TV (1–120 characters)'],
  ['tagline', 'one line under the title on cards and the home page (1–200 characters)'],
  ['description', 'the paragraph on the program page (1–4000 characters)'],
  ['trainer', 'who leads it, as shown on cards and the page'],
  ['level', 'beginner, intermediate or advanced'],
  ['equipment', 'a list such as ["mat", "dumbbells"]; [] for none'],
  ['featured', 'true puts it first on the home page (one featured program at a time is best)'],
  [
    'launchAt',
    'when it goes live, ISO 8601 with a zone (2026-12-24T06:00:00Z); before then viewers see "coming soon"; the site flips by itself at that instant',
  ],
  [
    'poster',
    'src: an image under web/public/posters (/posters/<name>.svg|jpg|webp|png); width and height: its real size in pixels; alt: what it shows, for screen readers',
  ],
  [
    'countries',
    'optional: the licence, ISO country codes such as ["US", "CA"]; leave it out to show it everywhere; elsewhere viewers get "not available in your country"',
  ],
  [
    'workouts',
    'at least one: id (w-<something>, unique across every program), title, durationSec (seconds), mediaId (the stream under web/media/<mediaId>/)',
  ],
];

export function describeFields(): string {
  const width = Math.max(...FIELD_GUIDE.map(([field]) => field.length));
  return FIELD_GUIDE.map(([field, meaning]) => `  ${field.padEnd(width)}  ${meaning}`).join('\n');
}
