import type { CloudFrontHeaders } from 'aws-lambda';
import { headerValue } from '../shared/headers';
import { cookieValues } from './cookies';

export type Device = 'web' | 'tv';

/** Remembers a `?device=` override, for trying the TV UI on a laptop. */
export const DEVICE_COOKIE = 'stride_device';

// TV web views: Samsung (Tizen), LG (Web0S), Fire TV (AFT…), Chromecast (CrKey), Sony (BRAVIA),
// generic SMART-TV / HbbTV, Roku, Hisense (VIDAA). AFT is case-sensitive: it is a model prefix.
const TV_USER_AGENT = /Tizen|Web0S|CrKey|BRAVIA|SMART-TV|HbbTV|Roku|VIDAA/i;
const FIRE_TV = /\bAFT[A-Z0-9]/;

export const isDevice = (value: unknown): value is Device => value === 'web' || value === 'tv';

/** The override cookie wins, then CloudFront's smart-TV header, then the User-Agent. */
export function detectDevice(headers: CloudFrontHeaders | undefined): Device {
  const remembered = cookieValues(headers, DEVICE_COOKIE);
  if (remembered.length === 1 && isDevice(remembered[0])) return remembered[0];
  if (headerValue(headers, 'cloudfront-is-smarttv-viewer') === 'true') return 'tv';
  const ua = headerValue(headers, 'user-agent') ?? '';
  return TV_USER_AGENT.test(ua) || FIRE_TV.test(ua) ? 'tv' : 'web';
}
