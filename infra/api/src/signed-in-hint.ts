import type { APIGatewayProxyEventV2 } from 'aws-lambda';
// The name lives with the browser code that reads it (a module without imports or side effects).
import { SIGNED_IN_HINT_COOKIE } from '../../../web/src/shared/api/signed-in-hint';
import { cookieValue } from './request';
import type { ApiResult } from './responses';

export { SIGNED_IN_HINT_COOKIE };

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
