import { describe, expect, it } from 'vitest';
import { availabilitySlice, availabilityStateFor, bindToLocation, selectNoticeFor } from './availabilitySlice';

const state = (availability: ReturnType<typeof availabilityStateFor>) => ({ [availabilitySlice.reducerPath]: availability });

describe('availability notices', () => {
  it('applies a notice only at the path it is bound to', () => {
    const s = state(availabilityStateFor('coming-soon', '/programs/x'));
    expect(selectNoticeFor(s, '/programs/x')).toBe('coming-soon');
    expect(selectNoticeFor(s, '/')).toBeNull();
  });

  it('in the browser binds the notice to the address the document was served at', () => {
    // The shared 451 object is prerendered once and served at any program URL.
    const bound = bindToLocation(availabilityStateFor('unavailable', '/unavailable'), '/programs/run-club-5k');
    expect(bound && selectNoticeFor(state(bound), '/programs/run-club-5k')).toBe('unavailable');
  });

  it('a page without a notice has none anywhere', () => {
    const plain = availabilityStateFor(undefined, '/');
    expect(selectNoticeFor(state(plain), '/')).toBeNull();
    expect(bindToLocation(plain, '/x')).toEqual(plain);
    expect(bindToLocation(undefined, '/x')).toBeUndefined();
  });
});
