import { z } from 'zod';
import type { ApiContext } from '../context';
import { clearedMediaCookies } from '../media-cookies';
import { verifyPassword } from '../passwords';
import { cookieValue, jsonBody } from '../request';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '../sessions';
import { signedInHintCookie } from '../signed-in-hint';
import type { User } from '../users';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const loginSchema = z.strictObject({
  email: z.string({ error: 'must be a string' }).trim().min(3, 'must be an email address').max(254).email('must be an email address'),
  password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024),
});

export const publicUser = (user: User) => ({ id: user.id, email: user.email, name: user.name, subscription: { status: user.subscription } });

const sessionCookie = (ctx: ApiContext, value: string, maxAge: number) =>
  `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${ctx.secureCookies ? '; Secure' : ''}`;

// Same answer, same work (a dummy hash check) whether the email is unknown or the password wrong.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function login(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const { email, password } = jsonBody(event, loginSchema);
  const user = await ctx.users.byEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return errorResponse(401, 'Email or password is incorrect', ctx.region);
  const token = await ctx.sessions.sign(user.id, ctx.now());
  // The hint lives exactly as long as the session it announces.
  return jsonResponse(200, { user: publicUser(user) }, ctx.region, [sessionCookie(ctx, token, SESSION_TTL_SECONDS), signedInHintCookie(SESSION_TTL_SECONDS, ctx.secureCookies)]);
}

export function logout(ctx: ApiContext): ApiResult {
  return jsonResponse(200, { signedOut: true }, ctx.region, [sessionCookie(ctx, '', 0), signedInHintCookie(0, ctx.secureCookies), ...clearedMediaCookies(ctx.secureCookies)]);
}

/** The signed-in user, or undefined when there is no valid session (or its user is gone). */
export async function currentUser(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<User | undefined> {
  const token = cookieValue(event, SESSION_COOKIE);
  if (!token) return undefined;
  const userId = await ctx.sessions.verify(token, ctx.now());
  return userId ? ctx.users.byId(userId) : undefined;
}

export async function me(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const user = await currentUser(ctx, event);
  return user ? jsonResponse(200, { user: publicUser(user) }, ctx.region) : errorResponse(401, 'Not signed in', ctx.region);
}
