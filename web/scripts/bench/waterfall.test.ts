import { describe, expect, it } from 'vitest';
import { medianWaterfall, waterfallOf, type PageTimings } from './waterfall';

const S = 'http://localhost:5000';
const timings: PageTimings = {
  originMs: 0,
  navigation: { responseStart: 20, responseEnd: 30 },
  resources: [
    { name: `${S}/assets/index-a.js`, startTime: 35, responseEnd: 60 },
    { name: `${S}/assets/store-b.js`, startTime: 36, responseEnd: 80 },
    { name: `${S}/api/playback/w-1`, startTime: 120, responseEnd: 200 },
    { name: `${S}/api/progress?workout=w-1`, startTime: 121, responseEnd: 180 },
    { name: `${S}/assets/hls-c.js`, startTime: 205, responseEnd: 260 },
    { name: `${S}/media/s/master.m3u8`, startTime: 300, responseEnd: 310 },
    { name: `${S}/media/s/captions.m3u8`, startTime: 311, responseEnd: 315 },
    { name: `${S}/media/s/240p/index.m3u8`, startTime: 312, responseEnd: 320 },
    { name: `${S}/media/s/240p/seg-000.ts`, startTime: 330, responseEnd: 360 },
    { name: `${S}/media/s/240p/seg-001.ts`, startTime: 361, responseEnd: 390 },
    // A progress save: not the resume point.
    { name: `${S}/api/progress/w-1`, startTime: 400, responseEnd: 410 },
  ],
  marks: [
    { name: 'stride:engine-import', startTime: 203 },
    { name: 'stride:engine-attached', startTime: 290 },
    { name: 'stride:engine-adopted', startTime: 395 },
  ],
  hydratedMs: 110,
  firstPlayingMs: 420,
};

describe('waterfallOf', () => {
  it('splits a /watch start into its steps, from the HTML to the first playing', () => {
    const rows = Object.fromEntries(waterfallOf(timings).map((r) => [r.step, [r.startMs, r.endMs]]));
    expect(rows).toEqual({
      HTML: [0, 30],
      'app chunks': [35, 80],
      hydration: [null, 110],
      'playback grant': [120, 200],
      'resume point': [121, 180],
      'hls.js chunk': [205, 260],
      'engine attached': [203, 290],
      'player took over': [null, 395],
      'master playlist': [300, 310],
      'media playlist': [312, 320],
      'first segment': [330, 360],
      'decode → playing': [360, 420],
    });
  });

  it('counts from the click on a client-side navigation, leaving out what loaded before it', () => {
    const rows = waterfallOf({ ...timings, originMs: 100 });
    expect(rows.find((r) => r.step === 'HTML')).toEqual({ step: 'HTML', startMs: null, endMs: null });
    expect(rows.find((r) => r.step === 'app chunks')).toEqual({ step: 'app chunks', startMs: null, endMs: null });
    expect(rows.find((r) => r.step === 'playback grant')).toEqual({ step: 'playback grant', startMs: 20, endMs: 100 });
  });

  it('takes each step’s median over plays', () => {
    const a = waterfallOf(timings);
    const b = waterfallOf({ ...timings, firstPlayingMs: 500 });
    const c = waterfallOf({ ...timings, firstPlayingMs: 440 });
    expect(medianWaterfall([a, b, c]).find((r) => r.step === 'decode → playing')).toEqual({
      step: 'decode → playing',
      startMs: 360,
      endMs: 440,
    });
  });
});
