import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** hls.js's prebuilt UMD bundle from the web workspace's own dependency (the version the app ships). */
export async function hlsScript(build: 'hls.min.js' | 'hls.light.min.js' = 'hls.min.js'): Promise<string> {
  const dir = path.dirname(require.resolve('hls.js/package.json', { paths: [path.resolve(import.meta.dirname, '..', '..')] }));
  return readFile(path.join(dir, 'dist', build), 'utf8');
}

/**
 * The floor the player is compared with: a page that holds nothing but a <video>, hls.js inlined
 * and four lines that play `hlsUrl` at once. Served through the same local CloudFront, with the
 * same signed media cookies, it pays for the HTML, the playlists, the segments and the decode,
 * and nothing the app adds (its chunks, hydration, the grant, the player's own work).
 */
export function barePlayerHtml(hls: string, hlsUrl: string): string {
  if (/<\/script/i.test(hls)) throw new Error('the hls.js bundle contains "</script": it cannot be inlined as is');
  if (!/^\/media\/[\w./-]+\.m3u8$/.test(hlsUrl)) throw new Error(`not a same-site media playlist path: ${hlsUrl}`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare hls.js</title></head>
<body><video id="v" muted playsinline style="width:854px;height:480px"></video>
<script>${hls}</script>
<script>
const video = document.getElementById('v');
const hls = new Hls();
hls.loadSource(${JSON.stringify(hlsUrl)});
hls.attachMedia(video);
video.play().catch(() => undefined);
</script></body></html>
`;
}
