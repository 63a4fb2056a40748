import { describe, expect, it } from 'vitest';
import { serializeStateScript } from './preloaded-state';
import type { PreloadedState } from './store';

const stateWithTagline = (tagline: string): PreloadedState => ({
  catalog: {
    complete: true,
    asOf: null,
    listing: null,
    summaries: [
      {
        slug: 'x',
        title: 'X',
        tagline,
        trainer: 'T',
        level: 'beginner',
        featured: false,
        launchAt: '2026-01-01T00:00:00Z',
        workoutCount: 1,
        totalDurationSec: 60,
        poster: { src: '/posters/x.svg', width: 1600, height: 900, alt: 'X' },
      },
    ],
    programs: {},
  },
});

const payloadOf = (script: string): string => {
  const match = /^<script type="application\/json" id="stride-state">(.*)<\/script>$/s.exec(script);
  if (!match?.[1]) throw new Error(`not a state script: ${script}`);
  return match[1];
};

describe('serializeStateScript', () => {
  it.each(['</script><script>alert(1)</script>', '<!-- <script>', '</SCRIPT >', 'a & b > c', 'line\u2028separator\u2029paragraph'])(
    'keeps %j inside the data block and round-trips it',
    (tagline) => {
      const script = serializeStateScript(stateWithTagline(tagline));
      const payload = payloadOf(script);
      expect(payload).not.toMatch(/[<>&\u2028\u2029]/);
      expect((JSON.parse(payload) as PreloadedState).catalog.summaries[0]?.tagline).toBe(tagline);
    },
  );
});
