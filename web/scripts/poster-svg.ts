import type { Program } from '../src/shared/content/schema';

/** Level → gradient: posters of one level share a look, so a grid reads at a glance. */
const palette: Record<Program['level'], readonly [string, string]> = {
  beginner: ['#1b7f79', '#0d2f3f'],
  intermediate: ['#ff5a36', '#5a1030'],
  advanced: ['#6b3df5', '#160d3f'],
};

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] ?? ch);

/** Splits a title into at most three lines of about `width` characters, on word boundaries. */
export function wrapTitle(title: string, width = 18): string[] {
  const lines: string[] = [];
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines.slice(2).join(' ')}`] : lines;
}

/**
 * A program poster as a small SVG of exactly the width and height the content declares, so the
 * intrinsic size the page reserves matches the image. Decorative text only: the page's <img alt>
 * (from content) is what assistive technology reads.
 */
export function posterSvg(program: Pick<Program, 'slug' | 'title' | 'trainer' | 'level' | 'poster'>): string {
  const { width, height } = program.poster;
  const [from, to] = palette[program.level];
  const lines = wrapTitle(program.title);
  const size = Math.round(height / 7);
  const top = height / 2 - ((lines.length - 1) * size * 1.1) / 2;
  const title = lines
    .map(
      (line, i) =>
        `<text x="${Math.round(width * 0.07)}" y="${Math.round(top + i * size * 1.1)}" font-size="${size}" font-weight="800">${escapeXml(line)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#g)"/>`,
    `<circle cx="${Math.round(width * 0.85)}" cy="${Math.round(height * 0.2)}" r="${Math.round(height * 0.45)}" fill="#fff" fill-opacity="0.08"/>`,
    `<g font-family="system-ui, sans-serif" fill="#fff">${title}`,
    `<text x="${Math.round(width * 0.07)}" y="${Math.round(height * 0.88)}" font-size="${Math.round(size * 0.45)}" fill-opacity="0.85">${escapeXml(`${program.trainer} · ${program.level}`)}</text></g>`,
    '</svg>',
    '',
  ].join('\n');
}
