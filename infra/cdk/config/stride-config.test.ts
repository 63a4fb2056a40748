import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfigInput } from '../testing/synth-app';
import { DEFAULT_CONFIG_FILE, StrideConfigError, loadStrideConfig, parseStrideConfig } from './stride-config';

const configDir = path.dirname(DEFAULT_CONFIG_FILE);
const parse = (raw: unknown) => parseStrideConfig(raw, 'test.json', configDir);
const withField = (pathInConfig: string, value: unknown): unknown => {
  const copy = structuredClone(testConfigInput) as Record<string, unknown>;
  const keys = pathInConfig.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  // undefined stands for "field left out".
  if (value === undefined) Reflect.deleteProperty(target, last);
  else target[last] = value;
  return copy;
};

describe('Stride deployment config', () => {
  it('loads the committed example and reads the media public key it names', () => {
    const config = loadStrideConfig();
    expect(config.regions).toEqual({ primary: 'us-east-1', secondary: 'us-west-1' });
    expect(config.media.signingPublicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----$/);
    expect(config.healthCheck.intervalSeconds === 10 || config.healthCheck.intervalSeconds === 30).toBe(true);
  });

  it.each([
    ['account', '12345', /account: must be a 12-digit AWS account id/],
    ['domainName', 'Stride.Example.com', /domainName: must be a lowercase DNS name/],
    ['domainName', 'stride.elsewhere.org', /domainName: must be inside hostedZone.name \(stride.test\)/],
    ['hostedZone.id', 'zone-1', /hostedZone.id: must be a Route 53 hosted zone id/],
    ['regions.primary', 'eu-west-1', /regions.primary: must be us-east-1/],
    ['regions.secondary', 'us-east-1', /regions.secondary: must differ from regions.primary/],
    ['regions.secondary', 'moon-1', /regions.secondary: must be an AWS region name/],
    ['healthCheck.intervalSeconds', 20, /healthCheck.intervalSeconds: must be 10 or 30/],
    ['healthCheck.failureThreshold', 11, /healthCheck.failureThreshold: must be from 1 to 10/],
    ['healthCheck.failureThreshold', 2.5, /healthCheck.failureThreshold/],
    ['api.timeoutSeconds', 30, /api.timeoutSeconds: must be from 1 to 29/],
    ['api.reservedConcurrency', -1, /api.reservedConcurrency: must be 0 or more, or null/],
    ['api.reservedConcurrency', undefined, /api.reservedConcurrency/],
    ['waf.rateLimitPer5Minutes', 10, /waf.rateLimitPer5Minutes: must be from 100/],
    ['media.cookieTtlSeconds', 5, /media.cookieTtlSeconds: must be from 60 to 86400/],
    ['healthCheck.typo', 3, /healthCheck: Unrecognized key: "typo"/],
  ])('rejects a bad %s (%j) naming the field', (field, value, message) => {
    expect(() => parse(withField(field, value))).toThrow(StrideConfigError);
    expect(() => parse(withField(field, value))).toThrow(message);
  });

  it('lists every bad field at once', () => {
    const raw = withField('account', 'x') as Record<string, unknown>;
    (raw.healthCheck as Record<string, unknown>).intervalSeconds = 5;
    expect(() => parse(raw)).toThrow(/account: .*\n.*healthCheck.intervalSeconds: /);
  });

  it('names the media key file when it is missing or not a PEM public key', () => {
    expect(() => parse(withField('media.signingPublicKeyFile', 'nope.pem'))).toThrow(/media.signingPublicKeyFile: cannot read .*nope.pem/);
    const dir = mkdtempSync(path.join(tmpdir(), 'stride-config-'));
    writeFileSync(path.join(dir, 'private.pem'), '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(() => parseStrideConfig(withField('media.signingPublicKeyFile', 'private.pem'), 'test.json', dir)).toThrow(
      /is not a PEM public key/,
    );
  });

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadStrideConfig('/nonexistent/stride.json')).toThrow(
      /\/nonexistent\/stride.json: cannot read the Stride deployment config \(file not found\)/,
    );
    const dir = mkdtempSync(path.join(tmpdir(), 'stride-config-'));
    writeFileSync(path.join(dir, 'bad.json'), '{ "account": ');
    expect(() => loadStrideConfig(path.join(dir, 'bad.json'))).toThrow(/bad.json: cannot read the Stride deployment config/);
  });
});
