import { strideApi } from '../../shared/api/strideApi';
import { deliverPendingWrites } from '../../shared/outbox';

/** As the API judges it now: a trial or paid period past its end is already `expired`. */
export type SubscriptionStatus = 'none' | 'trial' | 'active' | 'expired';

/** The viewer as the API returns them (`{ user }` from /api/me, sign-in, sign-up and the device token). */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  /** `endsAt`: ISO 8601 end of the trial or paid period; null when it does not end. */
  readonly subscription: { readonly status: SubscriptionStatus; readonly endsAt?: string | null };
}

export interface SignupFields extends Credentials {
  readonly name: string;
}

/** `POST /api/device/authorize` (RFC 8628 §3.2, in the API's camelCase). */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete: string;
  readonly expiresIn: number;
  readonly interval: number;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

interface UserResponse {
  readonly user: SessionUser;
}

/** /api/me may answer 401 or, signed out, `{ "user": null }` (no console error in the browser). */
interface MeResponse {
  readonly user: SessionUser | null;
}

/**
 * After a sign-in, a sign-up or a TV's device token: per-user data cached while signed out (or as
 * someone else) is stale, and the viewer is known without asking /api/me.
 */
async function becameSignedIn(queryFulfilled: Promise<{ data: SessionUser }>, dispatch: (action: unknown) => unknown): Promise<void> {
  const { data: user } = await queryFulfilled.catch(() => ({ data: undefined }));
  if (!user) return;
  dispatch(strideApi.util.invalidateTags(['Progress']));
  dispatch(sessionApi.util.upsertQueryData('getMe', undefined, user));
  // Writes a 401 held (the session had expired) go now, under the session just made.
  void deliverPendingWrites(user.id);
}

/** After a sign-out (here or everywhere): nothing of the previous viewer may stay in the cache of a shared device. */
async function becameSignedOut(queryFulfilled: Promise<unknown>, dispatch: (action: unknown) => unknown): Promise<void> {
  const ok = await queryFulfilled.then(
    () => true,
    () => false,
  );
  if (ok) dispatch(strideApi.util.resetApiState());
}

export const sessionApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    getMe: build.query<SessionUser | null, undefined>({
      query: () => 'me',
      transformResponse: (response: MeResponse) => response.user ?? null,
      providesTags: ['Me'],
    }),
    // Marked idempotent, so a sign-in the default path failed (a region down, Route 53 not yet
    // flipped) is sent at once to the other region's pinned path: signing in must work during an
    // outage. Safe to send twice: each login only creates a session, and a second session (its
    // cookie replaced by the one answered last) is harmless. Signup is not: it creates the account.
    login: build.mutation<SessionUser, Credentials>({
      query: (credentials) => ({ url: 'auth/login', method: 'POST', body: credentials }),
      extraOptions: { idempotent: true },
      transformResponse: (response: UserResponse) => response.user,
      onQueryStarted: (_credentials, api) => becameSignedIn(api.queryFulfilled, api.dispatch),
    }),
    signup: build.mutation<SessionUser, SignupFields>({
      query: (fields) => ({ url: 'auth/signup', method: 'POST', body: fields }),
      transformResponse: (response: UserResponse) => response.user,
      onQueryStarted: (_fields, api) => becameSignedIn(api.queryFulfilled, api.dispatch),
    }),
    signOutEverywhere: build.mutation<null, undefined>({
      query: () => ({ url: 'auth/sign-out-everywhere', method: 'POST' }),
      transformResponse: () => null,
      onQueryStarted: (_arg, api) => becameSignedOut(api.queryFulfilled, api.dispatch),
    }),
    authorizeDevice: build.mutation<DeviceAuthorization, undefined>({
      query: () => ({ url: 'device/authorize', method: 'POST', body: {} }),
    }),
    /** One poll (RFC 8628 §3.4): 400 `authorization_pending` / `slow_down` until approved, then the viewer, signed in. */
    deviceToken: build.mutation<SessionUser, { deviceCode: string }>({
      query: (body) => ({ url: 'device/token', method: 'POST', body }),
      transformResponse: (response: UserResponse) => response.user,
      onQueryStarted: (_arg, api) => becameSignedIn(api.queryFulfilled, api.dispatch),
    }),
    approveDevice: build.mutation<{ userCode: string; status: 'approved' | 'denied' }, { userCode: string; approve?: boolean }>({
      query: (body) => ({ url: 'device/approve', method: 'POST', body }),
    }),
    logout: build.mutation<null, undefined>({
      query: () => ({ url: 'auth/logout', method: 'POST' }),
      transformResponse: () => null,
      onQueryStarted: (_arg, api) => becameSignedOut(api.queryFulfilled, api.dispatch),
    }),
  }),
});

export const {
  useGetMeQuery,
  useLoginMutation,
  useLogoutMutation,
  useSignupMutation,
  useSignOutEverywhereMutation,
  useAuthorizeDeviceMutation,
  useDeviceTokenMutation,
  useApproveDeviceMutation,
} = sessionApi;
