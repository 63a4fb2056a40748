import { describe, expect, it } from 'vitest';
import commonPasswords from '../data/common-passwords.json' with { type: 'json' };
import { addressKey, clientAddress } from './client-address';
import { httpApiEvent } from './apigw-event.fixture';
import { formatUserCode, newUserCode, normalizeUserCode, USER_CODE_ALPHABET, USER_CODE_LENGTH } from './device-codes';
import { commonPasswordCount, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';
import { ACCOUNT_RULE, ADDRESS_RULE, delayAfter } from './throttle';

describe('the throttling figures (README "Limits")', () => {
  it('per account: four failures free, then 30 s doubling to a 15-minute ceiling', () => {
    expect(Array.from({ length: 12 }, (_, i) => delayAfter(i + 1, ACCOUNT_RULE))).toEqual([
      0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900,
    ]);
    expect(delayAfter(10_000, ACCOUNT_RULE)).toBe(900);
    expect(ACCOUNT_RULE.windowSec).toBe(86_400);
  });

  it('per client address: nineteen failures free, then the same waits', () => {
    expect(delayAfter(19, ADDRESS_RULE)).toBe(0);
    expect([20, 21, 22, 25, 26].map((n) => delayAfter(n, ADDRESS_RULE))).toEqual([30, 60, 120, 900, 900]);
  });
});

describe('the password rule (NIST SP 800-63B)', () => {
  it('ships a list of common passwords, every one long enough that only the list can refuse it', () => {
    expect(commonPasswordCount()).toBeGreaterThan(15_000);
    expect(commonPasswords.passwords.every((p) => [...p].length >= MIN_PASSWORD_LENGTH && p === p.toLowerCase())).toBe(true);
  });

  it('counts characters after NFKC, not bytes or UTF-16 units', () => {
    expect(passwordProblem('😀'.repeat(8), 'a@b.c')).toBeUndefined();
    expect(passwordProblem('😀'.repeat(7), 'a@b.c')).toBe('must be at least 8 characters');
    expect(passwordProblem('ＰＡＳＳＷＯＲＤ', 'a@b.c')).toContain('commonly used');
  });

  it('refuses the email and its local part, accepts the rest without composition rules', () => {
    expect(passwordProblem('ada.lovelace', 'Ada.Lovelace@example.com')).toBe('must not be your email address');
    expect(passwordProblem('all lower case words', 'a@b.c')).toBeUndefined();
  });
});

describe('device user codes', () => {
  it('are 8 letters of 20 consonants: 20^8 ≈ 2.56e10 codes', () => {
    expect(USER_CODE_ALPHABET).toHaveLength(20);
    expect(USER_CODE_ALPHABET.length ** USER_CODE_LENGTH).toBe(25_600_000_000);
    for (let i = 0; i < 200; i += 1) expect(newUserCode()).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{8}$/);
    expect(formatUserCode('WDJBMJHT')).toBe('WDJB-MJHT');
  });

  it('are read forgivingly (case, dash, spaces) and strictly (no other letters)', () => {
    expect(normalizeUserCode(' wdjb mjht ')).toBe('WDJBMJHT');
    expect(normalizeUserCode('WDJB-MJHT')).toBe('WDJBMJHT');
    for (const bad of ['WDJB-MJH', 'WDJB-MJHTX', 'WDJA-MJHT', 'WDJB-MJH1', 'WDJB_MJHT', ''])
      expect(normalizeUserCode(bad), bad).toBeUndefined();
  });
});

describe('the client address throttles count', () => {
  const event = (viewer?: string, sourceIp = '203.0.113.10') => {
    const e = httpApiEvent('POST', '/api/auth/login');
    e.requestContext.http.sourceIp = sourceIp;
    if (viewer !== undefined) e.headers['cloudfront-viewer-address'] = viewer;
    return e;
  };

  it('is CloudFront-Viewer-Address without its port, else the source IP', () => {
    expect(clientAddress(event('198.51.100.10:46532'))).toBe('198.51.100.10');
    expect(clientAddress(event())).toBe('203.0.113.10');
    expect(clientAddress(event('garbage'))).toBe('203.0.113.10');
  });

  it('groups IPv6 by /64', () => {
    expect(clientAddress(event('2001:db8:1:2:3:4:5:6:443'))).toBe('2001:db8:1:2::/64');
    expect(clientAddress(event('2001:DB8:1:2::9:443'))).toBe('2001:db8:1:2::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('1::2::3')).toBeUndefined();
    expect(addressKey('2001:db8:1:2:3:4:5:6:7')).toBeUndefined();
  });
});
