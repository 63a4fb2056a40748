import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('configFromEnv', () => {
  it('defaults: site 8080, regions 8081/8082, console 8090, AWS health-check and DNS settings', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      sitePort: 8080,
      apiPorts: { 'us-east-1': 8081, 'us-west-1': 8082 },
      consolePort: 8090,
      dnsTtlSeconds: 60,
      healthCheck: { intervalMs: 30_000, failureThreshold: 3, timeoutMs: 2_000 },
      edgeTimeouts: { viewerMs: 5_000, originMs: 30_000 },
    });
    expect(config.dataDir).toMatch(/\.stride$/);
  });

  it('takes every port, 0 meaning any free port, and drill settings', () => {
    const config = configFromEnv({
      PORT: '9000',
      STRIDE_API_PORT: '0',
      STRIDE_API_WEST_PORT: '0',
      STRIDE_CONSOLE_PORT: '0',
      STRIDE_DNS_TTL: '5',
      STRIDE_HEALTH_INTERVAL: '0.5',
      STRIDE_HEALTH_THRESHOLD: '1',
      STRIDE_ACCESS_LOG: 'off',
    });
    expect(config).toMatchObject({
      sitePort: 9000,
      apiPorts: { 'us-east-1': 0, 'us-west-1': 0 },
      consolePort: 0,
      dnsTtlSeconds: 5,
      healthCheck: { intervalMs: 500, failureThreshold: 1 },
      accessLogFile: null,
    });
  });

  it.each(['abc', '-1', '70000', '80.5'])('names PORT=%s as the problem', (value) => {
    expect(() => configFromEnv({ PORT: value })).toThrow(`PORT must be a port number from 0 to 65535 (0 = any free port), got "${value}"`);
  });

  it.each([
    [{ STRIDE_HEALTH_THRESHOLD: '11' }, 'STRIDE_HEALTH_THRESHOLD must be a failure threshold from 1 to 10, got "11"'],
    [{ STRIDE_HEALTH_THRESHOLD: '2.5' }, 'STRIDE_HEALTH_THRESHOLD must be a failure threshold from 1 to 10'],
    [{ STRIDE_HEALTH_INTERVAL: '60' }, 'STRIDE_HEALTH_INTERVAL must be a health-check interval in seconds'],
    [{ STRIDE_DNS_TTL: 'soon' }, 'STRIDE_DNS_TTL must be a record TTL in seconds'],
    [{ STRIDE_CONSOLE_PORT: 'x' }, 'STRIDE_CONSOLE_PORT must be a port number'],
    [{ STRIDE_VIEWER_COUNTRY: 'usa' }, 'STRIDE_VIEWER_COUNTRY must be an ISO 3166-1 alpha-2 country code'],
  ])('names %j as the problem', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });
});
