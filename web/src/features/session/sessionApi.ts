import { strideApi } from '../../shared/api/strideApi';

export type SubscriptionStatus = 'active' | 'none';

/** The viewer as the API returns them (`{ user }` from /api/me and /api/auth/login). */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly subscription: { readonly status: SubscriptionStatus };
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

export const sessionApi = strideApi.injectEndpoints({
  endpoints: (build) => ({
    getMe: build.query<SessionUser | null, undefined>({
      query: () => 'me',
      transformResponse: (response: MeResponse) => response.user ?? null,
      providesTags: ['Me'],
    }),
    // POSTs are not retried: a login that reached the server twice is harmless but confusing.
    login: build.mutation<SessionUser, Credentials>({
      query: (credentials) => ({ url: 'auth/login', method: 'POST', body: credentials }),
      transformResponse: (response: UserResponse) => response.user,
      async onQueryStarted(_credentials, { dispatch, queryFulfilled }) {
        const { data: user } = await queryFulfilled.catch(() => ({ data: undefined }));
        if (!user) return;
        // Per-user data cached while signed out (or as someone else) is stale now.
        dispatch(strideApi.util.invalidateTags(['Progress']));
        dispatch(sessionApi.util.upsertQueryData('getMe', undefined, user));
      },
    }),
    logout: build.mutation<null, undefined>({
      query: () => ({ url: 'auth/logout', method: 'POST' }),
      transformResponse: () => null,
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        const ok = await queryFulfilled.then(
          () => true,
          () => false,
        );
        // Nothing of the previous viewer may stay in the cache of a shared device.
        if (ok) dispatch(strideApi.util.resetApiState());
      },
    }),
  }),
});

export const { useGetMeQuery, useLoginMutation, useLogoutMutation } = sessionApi;
