/**
 * Makes the sample HLS streams in web/media/<mediaId>/ from synthetic sources (ffmpeg lavfi:
 * testsrc2 + a beeping sine, with the workout name and a timecode burned in). The output is
 * committed, so setting up the project never needs ffmpeg; run this only to change the samples:
 *
 *   node --import tsx web/scripts/make-media.ts          (needs ffmpeg + ffprobe on PATH)
 *
 * Each stream: master.m3u8 with a 240p and a 480p H.264/AAC rendition in 2 s MPEG-TS segments,
 * a WebVTT captions rendition (SUBTITLES group), and poster.jpg.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { captionsVtt, subtitlesPlaylist, withSubtitles, type Cue } from './media/hls-playlists';
import { sampleMedia, type SampleMedia } from './media/samples';
import { webPaths } from './paths';

const mediaDir = path.join(webPaths.webDir, 'media');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';
const MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf';
const SEGMENT_SEC = 2;
const FPS = 25;

function run(tool: string, args: readonly string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? `${tool} is not installed (Debian: apt-get install -y ffmpeg)` : `${tool}: ${result.error.message}`);
  }
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')}\nfailed with exit code ${result.status}:\n${result.stderr}`);
  return result.stdout;
}

/** drawtext's own escaping is fiddly; sample titles simply may not use its special characters. */
function drawtextSafe(text: string): string {
  if (/[:'\\%,;[\]=]/.test(text)) throw new Error(`sample title "${text}" must not contain : ' \\ % , ; [ ] =`);
  return text;
}

function encode(sample: SampleMedia, outDir: string): void {
  const title = drawtextSafe(sample.title);
  const burnIn = [
    `drawtext=fontfile=${FONT}:text='${title}':fontsize=40:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=12:x=(w-text_w)/2:y=h*0.12`,
    `drawtext=fontfile=${MONO}:text='%{pts\\:hms}':fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-text_w)/2:y=h*0.78`,
  ].join(',');
  run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=854x480:rate=${FPS}:duration=${sample.durationSec}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${sample.toneHz}:beep_factor=4:duration=${sample.durationSec}:sample_rate=44100`,
    '-filter_complex',
    `[0:v]hue=h=${sample.hue},${burnIn},split=2[v1][v2];[v1]scale=426:240[v240];[v2]null[v480];[1:a]asplit=2[a1][a2]`,
    '-map',
    '[v240]',
    '-map',
    '[a1]',
    '-map',
    '[v480]',
    '-map',
    '[a2]',
    // A keyframe exactly every segment, so every 2 s segment starts cleanly and ABR can switch there.
    '-c:v',
    'libx264',
    '-profile:v',
    'main',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(FPS * SEGMENT_SEC),
    '-keyint_min',
    String(FPS * SEGMENT_SEC),
    '-sc_threshold',
    '0',
    '-b:v:0',
    '100k',
    '-maxrate:v:0',
    '130k',
    '-bufsize:v:0',
    '260k',
    '-b:v:1',
    '240k',
    '-maxrate:v:1',
    '310k',
    '-bufsize:v:1',
    '620k',
    '-c:a',
    'aac',
    '-b:a',
    '32k',
    '-ac',
    '1',
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SEC),
    '-hls_playlist_type',
    'vod',
    '-hls_segment_filename',
    path.join(outDir, '%v', 'seg-%03d.ts'),
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    'v:0,a:0,name:240p v:1,a:1,name:480p',
    path.join(outDir, '%v', 'index.m3u8'),
  ]);
}

function firstPtsSec(segment: string): number {
  const value = Number(run('ffprobe', ['-v', 'error', '-show_entries', 'format=start_time', '-of', 'csv=p=0', segment]).trim());
  if (!Number.isFinite(value)) throw new Error(`ffprobe: no start time for ${segment}`);
  return value;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function makeOne(sample: SampleMedia): Promise<number> {
  const outDir = path.join(mediaDir, sample.id);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  encode(sample, outDir);

  const cues: Cue[] = sample.captions;
  await writeFile(path.join(outDir, 'captions.vtt'), captionsVtt(cues, firstPtsSec(path.join(outDir, '240p', 'seg-000.ts'))));
  await writeFile(path.join(outDir, 'captions.m3u8'), subtitlesPlaylist(sample.durationSec, 'captions.vtt'));
  const masterFile = path.join(outDir, 'master.m3u8');
  await writeFile(masterFile, withSubtitles(await readFile(masterFile, 'utf8'), { uri: 'captions.m3u8', language: 'en', name: 'English' }));

  run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-ss',
    String(sample.posterAtSec),
    '-i',
    path.join(outDir, '480p', 'index.m3u8'),
    '-frames:v',
    '1',
    '-q:v',
    '7',
    path.join(outDir, 'poster.jpg'),
  ]);
  return folderBytes(outDir);
}

async function main(): Promise<void> {
  for (const font of [FONT, MONO])
    if (!existsSync(font)) throw new Error(`font ${font} is missing (Debian: apt-get install -y fonts-dejavu-core)`);
  await mkdir(mediaDir, { recursive: true });
  let total = 0;
  for (const sample of sampleMedia) {
    const bytes = await makeOne(sample);
    total += bytes;
    console.log(`media: ${sample.id} (${sample.durationSec} s) → ${(bytes / 1024).toFixed(0)} KiB`);
  }
  console.log(`media: ${sampleMedia.length} streams, ${(total / 1024 / 1024).toFixed(2)} MiB in ${path.relative(process.cwd(), mediaDir)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
