/**
 * The text parts of a sample HLS stream that ffmpeg does not write for us: the WebVTT captions,
 * the one-segment subtitles playlist that wraps them, and the master playlist's SUBTITLES group.
 * Pure functions, so their output is tested without ffmpeg.
 */

export interface Cue {
  readonly startSec: number;
  readonly endSec: number;
  readonly text: string;
}

/** The group id the master playlist and every variant agree on. */
export const SUBTITLES_GROUP = 'subs';

/** 83.5 → "00:01:23.500", the only timestamp form WebVTT accepts everywhere. */
export function vttTimestamp(totalSec: number): string {
  if (!Number.isFinite(totalSec) || totalSec < 0) throw new Error(`vttTimestamp: ${totalSec} is not a time in seconds`);
  const ms = Math.round(totalSec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/**
 * A WebVTT file for an HLS stream in MPEG-TS segments. X-TIMESTAMP-MAP ties cue time 0 to the
 * transport stream's first presentation timestamp (90 kHz clock); without it hls.js and Safari
 * guess, and captions drift by the muxer's start offset (1.4 s with ffmpeg's defaults).
 */
export function captionsVtt(cues: readonly Cue[], firstPtsSec: number): string {
  let previousEnd = 0;
  const blocks = cues.map((cue, index) => {
    if (!(cue.endSec > cue.startSec) || cue.startSec < previousEnd) {
      throw new Error(`captions: cue ${index + 1} ("${cue.text}") must start after the previous cue ends and end after it starts`);
    }
    if (cue.text.includes('-->') || /\n\s*\n/.test(cue.text) || cue.text.trim() === '') {
      throw new Error(`captions: cue ${index + 1} text must be non-empty, without "-->" or blank lines`);
    }
    previousEnd = cue.endSec;
    return `${index + 1}\n${vttTimestamp(cue.startSec)} --> ${vttTimestamp(cue.endSec)}\n${cue.text}`;
  });
  const mpegts = Math.round(firstPtsSec * 90_000);
  return `WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:${mpegts},LOCAL:00:00:00.000\n\n${blocks.join('\n\n')}\n`;
}

/** A VOD media playlist with the whole captions file as its single segment. */
export function subtitlesPlaylist(durationSec: number, vttFile: string): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(durationSec)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${durationSec.toFixed(3)},`,
    vttFile,
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/**
 * Adds the captions rendition to the master playlist ffmpeg wrote: one EXT-X-MEDIA line and a
 * SUBTITLES attribute on every variant. Fails if the input is not a master playlist, so a change
 * in ffmpeg's output cannot silently ship streams without captions.
 */
export function withSubtitles(
  master: string,
  subtitles: { readonly uri: string; readonly language: string; readonly name: string },
): string {
  const lines = master.split('\n');
  if (lines[0]?.trim() !== '#EXTM3U') throw new Error('master playlist: does not start with #EXTM3U');
  const variants = lines.filter((l) => l.startsWith('#EXT-X-STREAM-INF:')).length;
  if (variants === 0) throw new Error('master playlist: has no #EXT-X-STREAM-INF variant');
  if (lines.some((l) => l.includes('TYPE=SUBTITLES'))) throw new Error('master playlist: already has a SUBTITLES rendition');

  const media = `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="${SUBTITLES_GROUP}",NAME="${subtitles.name}",LANGUAGE="${subtitles.language}",DEFAULT=NO,AUTOSELECT=YES,URI="${subtitles.uri}"`;
  const out: string[] = [];
  for (const line of lines) {
    if (line.startsWith('#EXT-X-VERSION')) {
      out.push(line, media);
      continue;
    }
    out.push(line.startsWith('#EXT-X-STREAM-INF:') ? `${line},SUBTITLES="${SUBTITLES_GROUP}"` : line);
  }
  if (!out.includes(media)) out.splice(1, 0, media);
  // ffmpeg separates variants with blank lines; keep the file compact and end with one newline.
  return `${out.filter((l) => l.trim() !== '').join('\n')}\n`;
}
