import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRedirects } from './redirects';
import { webPaths } from './paths';

const pages = new Set(['/', '/programs/hiit-30', '/login']);
let dir = '';
let file = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'stride-redirects-'));
  file = path.join(dir, 'redirects.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
/** The error a promise rejects with; a promise that resolves fails the test. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadRedirects to fail');
}
const write = (body: unknown) => writeFile(file, typeof body === 'string' ? body : JSON.stringify(body));

describe('loadRedirects', () => {
  it('loads valid redirects', async () => {
    await write({
      redirects: [
        { from: '/go/hiit', to: '/programs/hiit-30' },
        { from: '/go/home', to: '/', status: 301 },
      ],
    });
    expect(await loadRedirects(file, pages)).toEqual([
      { from: '/go/hiit', to: '/programs/hiit-30' },
      { from: '/go/home', to: '/', status: 301 },
    ]);
  });

  it('names the file and field of each bad entry', async () => {
    await write({
      redirects: [
        { from: '/Go/Hiit/', to: 'https://evil.example' },
        { from: '/go/x', to: '/programs/hiit-30', status: 307 },
      ],
    });
    const error = await failure(loadRedirects(file, pages));
    expect(error.message).toContain(`${file}: redirects.0.from: must be a lowercase path`);
    expect(error.message).toContain(`${file}: redirects.0.to: must be a lowercase path`);
    expect(error.message).toContain(`${file}: redirects.1.status`);
  });

  it('refuses a target that is not a page, a source that hides a page, and duplicates', async () => {
    await write({
      redirects: [
        { from: '/go/gone', to: '/programs/nope' },
        { from: '/login', to: '/' },
        { from: '/go/a', to: '/' },
        { from: '/go/a', to: '/login' },
      ],
    });
    const error = await failure(loadRedirects(file, pages));
    expect(error.message).toContain(`${file}: redirects.0.to: "/programs/nope" is not a page the site builds`);
    expect(error.message).toContain(`${file}: redirects.1.from: "/login" is a page`);
    expect(error.message).toContain(`${file}: redirects.3.from: "/go/a" is listed twice`);
  });

  it('names a missing file and bad JSON', async () => {
    await expect(loadRedirects(file, pages)).rejects.toThrow(`${file}: missing`);
    await write('{ nope');
    await expect(loadRedirects(file, pages)).rejects.toThrow(`${file}: not valid JSON`);
  });

  it('the repository’s own redirect file is valid against the program pages', async () => {
    const programPages = new Set([
      '/programs/hiit-30',
      '/programs/morning-yoga',
      '/programs/strength-foundations',
      '/programs/indoor-cycling-endurance',
    ]);
    await expect(loadRedirects(webPaths.redirects, programPages)).resolves.not.toHaveLength(0);
  });
});
