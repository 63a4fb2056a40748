import { describe, expect, it } from 'vitest';
import { barePlayerHtml, hlsScript } from './bare-player';

describe('barePlayerHtml', () => {
  it('inlines the project’s own hls.js and plays the given playlist', async () => {
    const hls = await hlsScript();
    const html = barePlayerHtml(hls, '/media/sample-hiit/master.m3u8');
    expect(html).toContain(hls);
    expect(html).toContain('hls.loadSource("/media/sample-hiit/master.m3u8")');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('refuses a script that would close its own tag, and a playlist that is not same-site media', () => {
    expect(() => barePlayerHtml('x="</script>"', '/media/a/master.m3u8')).toThrow(/cannot be inlined/);
    expect(() => barePlayerHtml('x', 'https://elsewhere.example/master.m3u8')).toThrow(/same-site/);
  });
});
