import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { clientAddress } from '../client-address';
import type { ApiContext } from '../context';
import { DeviceCodes, DEVICE_CODE_TTL_SECONDS, formatUserCode, normalizeUserCode, POLL_INTERVAL_SECONDS } from '../device-codes';
import { jsonBody } from '../request';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { ACCOUNT_RULE, ADDRESS_RULE, type ThrottleKey } from '../throttle';
import { currentUser, publicUser, sessionCookies, throttleOf, tooManyAttempts } from './auth';

/** Where a viewer approves a TV: the site's page (the API has no pages). */
export const VERIFICATION_PATH = '/activate';

const devicesOf = (ctx: ApiContext) => new DeviceCodes(ctx.users.table, ctx.now);

/**
 * The site's origin as the browser named it (`Origin`, sent with every POST from a page), so the
 * verification URI is absolute as RFC 8628 asks; relative when the request carried none.
 */
function siteOrigin(event: APIGatewayProxyEventV2): string {
  const origin = event.headers.origin ?? '';
  return /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin) ? origin.toLowerCase() : '';
}

/** `POST /api/device/authorize` (RFC 8628 §3.1–3.2, names in camelCase as the rest of the API). */
export async function authorizeDevice(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const { deviceCode, userCode } = await devicesOf(ctx).issue();
  const shown = formatUserCode(userCode);
  const verificationUri = `${siteOrigin(event)}${VERIFICATION_PATH}`;
  return jsonResponse(
    200,
    {
      deviceCode,
      userCode: shown,
      verificationUri,
      verificationUriComplete: `${verificationUri}?code=${shown}`,
      expiresIn: DEVICE_CODE_TTL_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    },
    ctx.region,
  );
}

const approveSchema = z.strictObject({
  userCode: z.string({ error: 'must be a string' }).max(64, 'must be the code shown on your TV'),
  /** false: the viewer refused ("that is not my TV"); the TV is told `access_denied`. */
  approve: z.boolean({ error: 'must be true or false' }).optional(),
});

/**
 * `POST /api/device/approve` `{userCode, approve?}`, signed in. A code that names no pending
 * authorization (mistyped, guessed, expired, used) is a failure counted for the viewer's account
 * and the client address under the sign-in rule; during a wait nothing is judged (429).
 */
export async function approveDevice(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const user = await currentUser(ctx, event);
  if (!user) return errorResponse(401, 'Sign in to approve a TV', ctx.region);
  const body = jsonBody(event, approveSchema);
  const userCode = normalizeUserCode(body.userCode);
  if (!userCode) return errorResponse(400, 'userCode: must be the 8-letter code shown on your TV, like WDJB-MJHT', ctx.region);
  const throttle = throttleOf(ctx);
  const throttleKeys: ThrottleKey[] = [
    { action: 'device', scope: 'account', id: user.id, rule: ACCOUNT_RULE },
    { action: 'device', scope: 'address', id: clientAddress(event), rule: ADDRESS_RULE },
  ];
  const wait = await throttle.waitFor(throttleKeys);
  if (wait) return tooManyAttempts(ctx, wait, 'codes');
  const devices = devicesOf(ctx);
  const device = await devices.pendingByUserCode(userCode);
  const decision = body.approve === false ? 'denied' : 'approved';
  if (!device || !(await devices.decide(device, decision, user.id))) {
    await throttle.recordFailure(throttleKeys);
    return errorResponse(400, 'userCode: this code is not valid or has expired; check the code on your TV', ctx.region);
  }
  return jsonResponse(200, { userCode: formatUserCode(userCode), status: decision }, ctx.region);
}

const tokenSchema = z.strictObject({
  deviceCode: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(128, 'is not a device code'),
});

const DESCRIPTIONS = {
  invalid_grant: 'This device code is not known or was already used; start again',
  expired_token: 'This code has expired; start again for a new one',
  slow_down: 'Polling too fast: wait the interval between polls',
  authorization_pending: 'Not approved yet',
  access_denied: 'The sign-in was refused on the other device',
} as const;

/**
 * `POST /api/device/token` `{deviceCode}`: 200 with the session cookies once approved (the code is
 * then spent), else 400 with RFC 8628 §3.5's `error` (and `error_description`). An unknown device
 * code counts as a failure for the client address.
 */
export async function deviceToken(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const { deviceCode } = jsonBody(event, tokenSchema);
  const throttle = throttleOf(ctx);
  const address: ThrottleKey = { action: 'device-token', scope: 'address', id: clientAddress(event), rule: ADDRESS_RULE };
  const wait = await throttle.waitFor([address]);
  if (wait) return tooManyAttempts(ctx, wait, 'device codes');
  const result = await devicesOf(ctx).poll(deviceCode);
  if (result.outcome === 'approved') {
    const user = await ctx.users.byId(result.userId);
    if (!user)
      return jsonResponse(
        400,
        { error: 'access_denied', error_description: 'The account that approved this TV no longer exists' },
        ctx.region,
      );
    return jsonResponse(200, { user: publicUser(user, ctx.now()) }, ctx.region, await sessionCookies(ctx, user));
  }
  if (result.outcome === 'invalid_grant') await throttle.recordFailure([address]);
  return jsonResponse(
    400,
    {
      error: result.outcome,
      error_description: DESCRIPTIONS[result.outcome],
      ...(result.intervalSec ? { interval: result.intervalSec } : {}),
    },
    ctx.region,
  );
}
