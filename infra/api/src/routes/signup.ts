import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { clientAddress } from '../client-address';
import type { ApiContext } from '../context';
import { MAX_PASSWORD_LENGTH, passwordProblem } from '../password-policy';
import { hashPassword } from '../passwords';
import { jsonBody } from '../request';
import { errorResponse, jsonResponse, type ApiResult } from '../responses';
import { ADDRESS_RULE, type ThrottleKey } from '../throttle';
import { normalizeEmail, TRIAL_DAYS } from '../users';
import { emailField, publicUser, sessionCookies, throttleOf, tooManyAttempts } from './auth';

const signupSchema = z.strictObject({
  email: emailField,
  // The length rule is the policy's (it counts characters after normalization); this only bounds the work.
  password: z.string({ error: 'must be a string' }).max(MAX_PASSWORD_LENGTH * 4, `must be at most ${MAX_PASSWORD_LENGTH} characters`),
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), 'must not contain control characters'),
});

/**
 * `POST /api/auth/signup` `{email, password, name}` → 201 and signed in (the same cookies as
 * sign-in), with a TRIAL_DAYS-day trial. An address already registered is said so (409): the
 * person signing up needs to know to sign in instead. That also tells a script whether an
 * address has an account, so each such answer counts as a failure for the client address under
 * the sign-in rule (ADDRESS_RULE): a few answers are cheap, many are slow. The trade-off is in the
 * README.
 */
export async function signup(ctx: ApiContext, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const { email, password, name } = jsonBody(event, signupSchema);
  const problem = passwordProblem(password, email);
  if (problem) return errorResponse(400, `password: ${problem}`, ctx.region);
  const throttle = throttleOf(ctx);
  const address: ThrottleKey = { action: 'signup', scope: 'address', id: clientAddress(event), rule: ADDRESS_RULE };
  const wait = await throttle.waitFor([address]);
  if (wait) return tooManyAttempts(ctx, wait, 'sign-ups');
  const now = ctx.now();
  const user = {
    id: `u-${randomUUID()}`,
    email: normalizeEmail(email),
    name,
    passwordHash: await hashPassword(password),
    subscription: 'trial' as const,
    subscriptionEndsAt: new Date(now.getTime() + TRIAL_DAYS * 86_400_000).toISOString(),
    createdAt: now.toISOString(),
  };
  if (!(await ctx.users.createIfAbsent(user))) {
    await throttle.recordFailure([address]);
    return errorResponse(409, 'email: an account with this email already exists; sign in instead', ctx.region);
  }
  return jsonResponse(201, { user: publicUser(user, now) }, ctx.region, await sessionCookies(ctx, user));
}
