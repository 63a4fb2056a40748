import { z } from 'zod';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { clientAddress } from '../client-address';
import type { ApiContext } from '../context';
import { clearedMediaCookies } from '../media-cookies';
import { verifyPassword } from '../passwords';
import { cookieValue, jsonBody } from '../request';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../sessions';
import { signedInHintCookie } from '../signed-in-hint';
import { ACCOUNT_RULE, ADDRESS_RULE, Throttle, type ThrottleKey, type Wait } from '../throttle';
import { normalizeEmail, subscriptionOf, subscriptionStatusAt, type User } from '../users';

export const emailField = z
  .string({ error: 'must be a string' })
  .trim()
  .min(3, 'must be an email address')
  .max(254)
  .email('must be an email address');

const loginSchema = z.strictObject({
  email: emailField,
  password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024),
});

/** The viewer as every route shows them: the subscription as of now (a trial past its end reads `expired`). */
export const publicUser = (user: User, now: Date) => {
  const subscription = subscriptionOf(user);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    subscription: {
      status: subscriptionStatusAt(subscription, now.getTime()),
      endsAt: subscription.endsAtMs === undefined ? null : new Date(subscription.endsAtMs).toISOString(),
    },
  };
};

const sessionCookie = (ctx: ApiContext, value: string, maxAge: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${ctx.secureCookies ? '; Secure' : ''}`;

/** A new session for this user: the session cookie and its readable hint, living exactly as long. */
export async function sessionCookies(ctx: ApiContext, user: User): Promise<string[]> {
  const token = await ctx.sessions.sign(user.id, ctx.now(), user.sessionsValidAfter);
  return [sessionCookie(ctx, token, SESSION_TTL_SECONDS), signedInHintCookie(SESSION_TTL_SECONDS, ctx.secureCookies)];
}

/** The throttle over the API table, on the handler's clock. */
export const throttleOf = (ctx: ApiContext) => new Throttle(ctx.users.table, ctx.now);

/** 429 with Retry-After: the wait is in the header and, for people, in the sentence. */
export function tooManyAttempts(ctx: ApiContext, wait: Wait, what: string): ApiResult {
  const minutes = Math.ceil(wait.retryAfterSec / 60);
  const when = wait.retryAfterSec < 60 ? `${wait.retryAfterSec} seconds` : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const result = jsonResponse(
    429,
    { error: `Too many failed ${what}. Try again in ${when}.`, retryAfterSec: wait.retryAfterSec },
    ctx.region,
  );
  result.headers['retry-after'] = String(wait.retryAfterSec);
  return result;
}

// Same answer, same work (a dummy hash check) whether the email is unknown or the password wrong.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function login(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const { email, password } = jsonBody(event, loginSchema);
  const throttle = throttleOf(ctx);
  const account: ThrottleKey = { action: 'login', scope: 'account', id: normalizeEmail(email), rule: ACCOUNT_RULE };
  const address: ThrottleKey = { action: 'login', scope: 'address', id: clientAddress(event), rule: ADDRESS_RULE };
  // Judged only outside a wait: during one, even the right password is not checked.
  const wait = await throttle.waitFor([account, address]);
  if (wait) return tooManyAttempts(ctx, wait, 'sign-in attempts');
  const user = await ctx.users.byEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) {
    await throttle.recordFailure([account, address]);
    return errorResponse(401, 'Email or password is incorrect', ctx.region);
  }
  await throttle.reset(account);
  return jsonResponse(200, { user: publicUser(user, ctx.now()) }, ctx.region, await sessionCookies(ctx, user));
}

const signedOutCookies = (ctx: ApiContext) => [
  sessionCookie(ctx, '', 0),
  signedInHintCookie(0, ctx.secureCookies),
  ...clearedMediaCookies(ctx.secureCookies),
];

export function logout(ctx: ApiContext): ApiResult {
  return jsonResponse(200, { signedOut: true }, ctx.region, signedOutCookies(ctx));
}

/**
 * `POST /api/auth/sign-out-everywhere`: every session of this viewer issued up to now stops
 * working at the API at once (this one too: its cookies are cleared). Sessions are compared by
 * their `iat` (whole seconds) with `sessionsValidAfter`, set to the next whole second so that
 * sessions issued earlier in this second go too; sign-ins from then on are issued no earlier
 * than it (sessions.ts). The edge's page gate cannot ask the table and keeps
 * honouring such sessions until they expire (at most SESSION_TTL_SECONDS); the API and playback
 * refuse them.
 */
export async function signOutEverywhere(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const user = await currentUser(ctx, event);
  if (!user) return errorResponse(401, 'Sign in to sign out everywhere', ctx.region);
  await ctx.users.invalidateSessionsBefore(user.id, Math.floor(ctx.now().getTime() / 1000) + 1);
  return jsonResponse(200, { signedOut: true, everywhere: true }, ctx.region, signedOutCookies(ctx));
}

/** The signed-in user, or undefined when there is no valid session (expired, revoked, or its user gone). */
export async function currentUser(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<User | undefined> {
  const token = cookieValue(event, SESSION_COOKIE);
  if (!token) return undefined;
  const session = await ctx.sessions.verify(token, ctx.now());
  if (!session) return undefined;
  const user = await ctx.users.byId(session.userId);
  if (!user) return undefined;
  if (user.sessionsValidAfter !== undefined && session.issuedAt < user.sessionsValidAfter) return undefined;
  return user;
}

export async function me(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const user = await currentUser(ctx, event);
  return user ? jsonResponse(200, { user: publicUser(user, ctx.now()) }, ctx.region) : errorResponse(401, 'Not signed in', ctx.region);
}
