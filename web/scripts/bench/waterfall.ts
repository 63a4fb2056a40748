import { median } from './stats';

/** What a page's Performance and Resource Timing APIs (and the bench's own listeners) report, in ms since navigation start. */
export interface PageTimings {
  /** When the measured start happened: 0 for a page load, the click for a client-side navigation. */
  readonly originMs: number;
  readonly navigation: { readonly responseStart: number; readonly responseEnd: number } | null;
  readonly resources: readonly { readonly name: string; readonly startTime: number; readonly responseEnd: number }[];
  /** performance.mark()s, e.g. the player's `stride:*` marks. */
  readonly marks: readonly { readonly name: string; readonly startTime: number }[];
  /** When <html data-hydrated> appeared (the root layout's effect), if it did after the origin. */
  readonly hydratedMs: number | null;
  readonly firstPlayingMs: number | null;
}

export interface WaterfallRow {
  readonly step: string;
  /** ms after the origin; null when the step did not happen in this play. */
  readonly startMs: number | null;
  readonly endMs: number | null;
}

type Resource = PageTimings['resources'][number];

const pathOf = (url: string): string => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

const isHlsChunk = (p: string) => /^\/assets\/hls[.-][^/]*\.m?js$/.test(p);

/**
 * The start of a play, step by step: the HTML, the app's chunks, hydration, the playback grant
 * (and the resume point asked beside it), hls.js's chunk, the playlists, the first segment and
 * its decode up to the first `playing`. Only what happened after the origin counts (a client-side
 * navigation's HTML and app chunks were loaded before the click).
 */
export function waterfallOf(t: PageTimings): WaterfallRow[] {
  const after = t.resources.filter((r) => r.startTime >= t.originMs - 1);
  const rel = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : Number((ms - t.originMs).toFixed(1)));
  const span = (rs: readonly Resource[]): [number | null, number | null] =>
    rs.length === 0 ? [null, null] : [rel(Math.min(...rs.map((r) => r.startTime))), rel(Math.max(...rs.map((r) => r.responseEnd)))];
  const first = (test: (p: string) => boolean) => span(after.filter((r) => test(pathOf(r.name))).slice(0, 1));
  const row = (step: string, [startMs, endMs]: [number | null, number | null]): WaterfallRow => ({ step, startMs, endMs });
  const mark = (name: string) => rel(t.marks.find((m) => m.name === name)?.startTime);

  const html = t.originMs === 0 && t.navigation ? row('HTML', [0, rel(t.navigation.responseEnd)]) : row('HTML', [null, null]);
  const segment = first((p) => /\.(ts|m4s|mp4)$/.test(p) && p.startsWith('/media/'));
  const rows = [
    html,
    row('app chunks', span(after.filter((r) => /^\/assets\/.*\.m?js$/.test(pathOf(r.name)) && !isHlsChunk(pathOf(r.name))))),
    row('hydration', [null, t.hydratedMs !== null && t.hydratedMs >= t.originMs ? rel(t.hydratedMs) : null]),
    row(
      'playback grant',
      first((p) => p.startsWith('/api/playback/')),
    ),
    // The read form (GET /api/progress?workout=, or a region's pinned path when hedged), not a save.
    row('resume point', span(after.filter((r) => /\/api\/(region\/\w+\/)?progress\?workout=/.test(r.name)).slice(0, 1))),
    row('hls.js chunk', first(isHlsChunk)),
    row('engine attached', [mark('stride:engine-import'), mark('stride:engine-attached')]),
    // The boot script's engine taken over by the player at hydration (watch-boot.ts), when it was.
    row('player took over', [null, mark('stride:engine-adopted')]),
    row(
      'master playlist',
      first((p) => p.startsWith('/media/') && p.endsWith('/master.m3u8')),
    ),
    row(
      'media playlist',
      first((p) => p.startsWith('/media/') && p.endsWith('.m3u8') && !p.endsWith('/master.m3u8') && !/caption|subtit/.test(p)),
    ),
    row('first segment', segment),
    row('decode → playing', [segment[1], rel(t.firstPlayingMs)]),
  ];
  return rows;
}

/** Per step, the median start and end over plays (steps missing from a play are left out of its median). */
export function medianWaterfall(plays: readonly WaterfallRow[][]): WaterfallRow[] {
  const steps = plays[0]?.map((r) => r.step) ?? [];
  const med = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === 0 ? null : Number(median(known).toFixed(1));
  };
  return steps.map((step) => {
    const rows = plays.map((p) => p.find((r) => r.step === step));
    return { step, startMs: med(rows.map((r) => r?.startMs ?? null)), endMs: med(rows.map((r) => r?.endMs ?? null)) };
  });
}
