import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it('defaults to 8080 for the site and 8081 for the API', () => {
    expect(configFromEnv({})).toEqual({ sitePort: 8080, apiPort: 8081 });
  });

  it('takes PORT and STRIDE_API_PORT, 0 meaning any free port', () => {
    expect(configFromEnv({ PORT: '9000', STRIDE_API_PORT: '0' })).toEqual({ sitePort: 9000, apiPort: 0 });
  });

  it.each(['abc', '-1', '70000', '80.5'])('names PORT=%s as the problem', (value) => {
    expect(() => configFromEnv({ PORT: value })).toThrow(`PORT must be a port number from 0 to 65535 (0 = any free port), got "${value}"`);
  });
});
