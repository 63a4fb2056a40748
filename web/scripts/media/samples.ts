import type { Cue } from './hls-playlists';

/** One sample stream: every workout in the catalog points at one of these by `mediaId`. */
export interface SampleMedia {
  readonly id: string;
  /** Burned into the picture, so a viewer (and a test) can see which stream is playing. */
  readonly title: string;
  readonly durationSec: number;
  readonly toneHz: number;
  /** Hue rotation in degrees, so the three streams do not look alike. */
  readonly hue: number;
  readonly posterAtSec: number;
  readonly captions: Cue[];
}

/** Coaching cues every 4 s: enough for a captions toggle to be visible in any 4 s window. */
const cues = (lines: readonly string[]): Cue[] => lines.map((text, i) => ({ startSec: i * 4, endSec: i * 4 + 3.5, text }));

export const sampleMedia: readonly SampleMedia[] = [
  {
    id: 'sample-hiit',
    title: 'Stride sample - HIIT intervals',
    durationSec: 24,
    toneHz: 660,
    hue: 0,
    posterAtSec: 5,
    captions: cues([
      'Warm up. Easy jog on the spot.',
      'Twenty seconds all out. Go!',
      'Knees high, arms driving.',
      'Ten seconds rest. Breathe.',
      'Again. Jump squats.',
      'Last round. Finish strong.',
    ]),
  },
  {
    id: 'sample-yoga',
    title: 'Stride sample - Yoga flow',
    durationSec: 24,
    toneHz: 330,
    hue: 120,
    posterAtSec: 5,
    captions: cues([
      'Find a comfortable seat.',
      'Inhale, lengthen the spine.',
      'Exhale, fold forward.',
      'Step back to downward dog.',
      'Pedal the feet, loosen the hamstrings.',
      'Walk the hands back and rise slowly.',
    ]),
  },
  {
    id: 'sample-strength',
    title: 'Stride sample - Strength',
    durationSec: 24,
    toneHz: 440,
    hue: 240,
    posterAtSec: 5,
    captions: cues([
      'Feet hip-width, dumbbells at your shoulders.',
      'Brace your core.',
      'Sit back and down. Chest up.',
      'Drive through the heels.',
      'Three more. Control the lowering.',
      'Rack the weights. Shake it out.',
    ]),
  },
];

export const sampleMediaIds: readonly string[] = sampleMedia.map((m) => m.id);
