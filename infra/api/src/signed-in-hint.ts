import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SIGNED_IN_HINT_COOKIE } from '@stride/contract/session';
import { cookieValue } from './request';
import type { ApiResult } from './responses';

/**
 * The readable `stride_signed_in` companion of `stride_session` (see the web module for why it
 * exists). Same Path, SameSite, Max-Age and Secure as the session cookie, but not HttpOnly: page
 * scripts must read it. It is a hint only; nothing here trusts it.
 */
export const signedInHintCookie = (maxAgeSec: number, secure: boolean): string =>
  `${SIGNED_IN_HINT_COOKIE}=${maxAgeSec > 0 ? '1' : ''}; Path=/; SameSite=Lax; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;

/**
 * A 401 says the session is missing or no longer valid: when the request still claimed to be
 * signed in, the answer also drops the claim, so an expired session stops showing "Account" and
 * asking for per-viewer data. Sign-in's own 401 (a wrong password) says nothing about the current
 * session and is left alone by the caller.
 */
export function clearHintOnUnauthorized(event: APIGatewayProxyEventV2, result: ApiResult, secure: boolean): ApiResult {
  if (result.statusCode !== 401 || cookieValue(event, SIGNED_IN_HINT_COOKIE) === undefined) return result;
  return { ...result, cookies: [...(result.cookies ?? []), signedInHintCookie(0, secure)] };
}
