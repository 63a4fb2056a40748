import { afterEach, describe, expect, it } from 'vitest';
import { EARLY_ANSWER_MAX_AGE_MS, forgetEarlyAnswers, holdEarlyAnswer, takeEarlyAnswer } from './early-answers';

describe('early answers', () => {
  afterEach(() => forgetEarlyAnswers());

  it('are taken once, by path', async () => {
    holdEarlyAnswer('/api/playback/w-1', Promise.resolve(new Response('{}', { status: 200 })), 1_000);
    expect(takeEarlyAnswer('/api/playback/w-2', 1_000)).toBeUndefined();
    expect((await takeEarlyAnswer('/api/playback/w-1', 1_000))?.status).toBe(200);
    expect(takeEarlyAnswer('/api/playback/w-1', 1_000)).toBeUndefined();
  });

  it('are not served once old (a later visit asks afresh, for fresh media cookies)', () => {
    holdEarlyAnswer('/api/playback/w-1', Promise.resolve(new Response('{}')), 1_000);
    expect(takeEarlyAnswer('/api/playback/w-1', 1_000 + EARLY_ANSWER_MAX_AGE_MS + 1)).toBeUndefined();
  });

  it('hold a failed request without an unhandled rejection', async () => {
    const failing = Promise.reject(new TypeError('network'));
    holdEarlyAnswer('/api/playback/w-1', failing);
    await expect(takeEarlyAnswer('/api/playback/w-1')).rejects.toThrow('network');
  });
});
