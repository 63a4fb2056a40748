import { describe, expect, it } from 'vitest';
import {
  comingSoonObjectKey,
  hlsMasterPath,
  loginPathFor,
  objectKeyOf,
  pageObjectKey,
  pagePathOfObject,
  programDataPath,
  programPath,
  summaryDataPath,
  watchPath,
} from './urls';

describe('URLs and object keys', () => {
  it('builds each page URL once, encoding what it is given', () => {
    expect(programPath('hiit-30')).toBe('/programs/hiit-30');
    expect(watchPath('w-hiit30-01')).toBe('/watch/w-hiit30-01');
    expect(watchPath('w a/b')).toBe('/watch/w%20a%2Fb');
    expect(loginPathFor('/watch/w-1')).toBe('/login?next=%2Fwatch%2Fw-1');
    expect(programDataPath('hiit-30')).toBe('/data/programs/hiit-30.json');
    expect(summaryDataPath('hiit-30')).toBe('/data/summaries/hiit-30.json');
    expect(hlsMasterPath('sample-hiit')).toBe('/media/sample-hiit/master.m3u8');
  });

  it('maps a page to its object (web and TV) and back', () => {
    expect(pageObjectKey('/')).toBe('/index.html');
    expect(pageObjectKey('/programs/hiit-30')).toBe('/programs/hiit-30/index.html');
    expect(pageObjectKey('/programs/hiit-30', 'tv')).toBe('/tv/programs/hiit-30/index.html');
    expect(comingSoonObjectKey('hiit-30')).toBe('/programs/hiit-30/coming-soon/index.html');
    expect(objectKeyOf('/programs/hiit-30/index.html')).toBe('programs/hiit-30/index.html');
    for (const page of ['/', '/programs/hiit-30', '/account']) expect(pagePathOfObject(pageObjectKey(page))).toBe(page);
    expect(pagePathOfObject('/programs/hiit-30/INDEX.HTML')).toBe('/programs/hiit-30');
    expect(pagePathOfObject('/assets/app.js')).toBeUndefined();
  });
});
