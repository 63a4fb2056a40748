import { describe, expect, it } from 'vitest';
import type { ErrorData } from 'hls.js';
import { fatalFromHls } from './media-engine';

describe('fatalFromHls', () => {
  it('keeps the HTTP status of a network error so a 403 can trigger reauthorization', () => {
    expect(
      fatalFromHls({ type: 'networkError', response: { code: 403, text: 'Forbidden' } } as Pick<ErrorData, 'type' | 'response'>),
    ).toEqual({ kind: 'network', httpStatus: 403 });
    expect(fatalFromHls({ type: 'networkError', response: { code: 0, text: '' } } as Pick<ErrorData, 'type' | 'response'>)).toEqual({
      kind: 'network',
    });
    expect(fatalFromHls({ type: 'networkError' } as Pick<ErrorData, 'type' | 'response'>)).toEqual({ kind: 'network' });
  });
  it('classifies media and other errors', () => {
    expect(fatalFromHls({ type: 'mediaError' } as Pick<ErrorData, 'type' | 'response'>)).toEqual({ kind: 'media' });
    expect(fatalFromHls({ type: 'muxError' } as Pick<ErrorData, 'type' | 'response'>)).toEqual({ kind: 'other' });
  });
});
