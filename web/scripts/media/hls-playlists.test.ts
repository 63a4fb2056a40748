import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { captionsVtt, subtitlesPlaylist, vttTimestamp, withSubtitles } from './hls-playlists';
import { sampleMedia } from './samples';

const ffmpegMaster = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-STREAM-INF:BANDWIDTH=145200,RESOLUTION=426x240,CODECS="avc1.4d4015,mp4a.40.2"
240p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=299200,RESOLUTION=854x480,CODECS="avc1.4d401e,mp4a.40.2"
480p/index.m3u8
`;

describe('vttTimestamp', () => {
  it('formats hours, minutes, seconds and milliseconds', () => {
    expect(vttTimestamp(0)).toBe('00:00:00.000');
    expect(vttTimestamp(83.5)).toBe('00:01:23.500');
    expect(vttTimestamp(3661.007)).toBe('01:01:01.007');
  });
  it('rejects a negative or non-finite time', () => {
    expect(() => vttTimestamp(-1)).toThrow(/not a time/);
    expect(() => vttTimestamp(Number.NaN)).toThrow(/not a time/);
  });
});

describe('captionsVtt', () => {
  it('writes numbered cues and maps cue time 0 to the first transport-stream timestamp', () => {
    const vtt = captionsVtt(
      [
        { startSec: 0, endSec: 1.5, text: 'Go' },
        { startSec: 2, endSec: 3, text: 'Rest' },
      ],
      1.4,
    );
    expect(vtt).toBe(
      'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:126000,LOCAL:00:00:00.000\n\n1\n00:00:00.000 --> 00:00:01.500\nGo\n\n2\n00:00:02.000 --> 00:00:03.000\nRest\n',
    );
  });
  it('rejects overlapping, empty-length and malformed cues, naming the cue', () => {
    expect(() =>
      captionsVtt(
        [
          { startSec: 0, endSec: 2, text: 'a' },
          { startSec: 1, endSec: 3, text: 'b' },
        ],
        0,
      ),
    ).toThrow(/cue 2 \("b"\)/);
    expect(() => captionsVtt([{ startSec: 2, endSec: 2, text: 'a' }], 0)).toThrow(/cue 1/);
    expect(() => captionsVtt([{ startSec: 0, endSec: 1, text: 'a --> b' }], 0)).toThrow(/cue 1 text/);
  });
});

describe('subtitlesPlaylist', () => {
  it('is a VOD playlist with the captions file as its one segment', () => {
    const text = subtitlesPlaylist(24, 'captions.vtt');
    expect(text).toContain('#EXT-X-TARGETDURATION:24\n');
    expect(text).toContain('#EXTINF:24.000,\ncaptions.vtt\n#EXT-X-ENDLIST');
  });
});

describe('withSubtitles', () => {
  const out = withSubtitles(ffmpegMaster, { uri: 'captions.m3u8', language: 'en', name: 'English' });

  it('adds one SUBTITLES rendition and points every variant at it', () => {
    expect(out.match(/TYPE=SUBTITLES/g)).toHaveLength(1);
    expect(out).toContain('URI="captions.m3u8"');
    const variants = out.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:'));
    expect(variants).toHaveLength(2);
    for (const v of variants) expect(v.endsWith(',SUBTITLES="subs"')).toBe(true);
  });

  it('keeps each variant URI right after its STREAM-INF line', () => {
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(-4)).toEqual([
      expect.stringContaining('426x240'),
      '240p/index.m3u8',
      expect.stringContaining('854x480'),
      '480p/index.m3u8',
    ]);
  });

  it('refuses input that is not a master playlist, or already has captions', () => {
    expect(() => withSubtitles('#EXT-X-VERSION:3\n', { uri: 'c', language: 'en', name: 'E' })).toThrow(/#EXTM3U/);
    expect(() => withSubtitles('#EXTM3U\n#EXTINF:2,\nseg.ts\n', { uri: 'c', language: 'en', name: 'E' })).toThrow(/no #EXT-X-STREAM-INF/);
    expect(() => withSubtitles(out, { uri: 'c', language: 'en', name: 'E' })).toThrow(/already/);
  });
});

describe('the committed sample media', () => {
  const mediaDir = path.resolve(import.meta.dirname, '../../media');

  it.each(sampleMedia.map((m) => [m.id]))('%s has a master with two renditions and captions, and every segment it lists', async (id) => {
    const dir = path.join(mediaDir, id);
    const master = await readFile(path.join(dir, 'master.m3u8'), 'utf8');
    expect(master).toMatch(/TYPE=SUBTITLES,.*URI="captions.m3u8"/);
    const renditions = master.split('\n').filter((l) => l.endsWith('/index.m3u8'));
    expect(renditions).toEqual(['240p/index.m3u8', '480p/index.m3u8']);
    for (const rendition of renditions) {
      const playlist = await readFile(path.join(dir, rendition), 'utf8');
      expect(playlist).toContain('#EXT-X-ENDLIST');
      const segments = playlist.split('\n').filter((l) => l.endsWith('.ts'));
      expect(segments.length).toBeGreaterThanOrEqual(10);
      for (const segment of segments)
        await expect(readFile(path.join(dir, path.dirname(rendition), segment))).resolves.toBeInstanceOf(Buffer);
    }
    expect(await readFile(path.join(dir, 'captions.vtt'), 'utf8')).toMatch(/^WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:\d+,LOCAL:00:00:00.000\n/);
    expect((await readFile(path.join(dir, 'poster.jpg'))).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });
});
