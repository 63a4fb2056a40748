import { describe, expect, it } from 'vitest';
import { AWS_DEFAULT_FAILOVER, worstCaseFlipSeconds } from './failover';

describe('when DNS flips', () => {
  it('takes up to 3 minutes at AWS defaults, 30 s at the fastest settings with a short TTL', () => {
    expect(worstCaseFlipSeconds(AWS_DEFAULT_FAILOVER)).toBe(180);
    expect(worstCaseFlipSeconds({ intervalSeconds: 10, failureThreshold: 1, ttlSeconds: 10 })).toBe(30);
  });
});
