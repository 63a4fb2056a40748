import { createSlice, isAnyOf } from '@reduxjs/toolkit';
import { apiUnauthorized } from '../../shared/api/auth-events';
import { sessionApi, type SessionUser } from './sessionApi';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

export interface SessionState {
  /** `unknown` until /api/me answers: prerendered pages never know who is watching. */
  readonly status: SessionStatus;
  readonly user: SessionUser | null;
  /** Why the viewer is signed out: they chose to, or the API stopped accepting the session. */
  readonly signedOutReason: 'signed-out' | 'expired' | null;
}

export const initialSessionState: SessionState = { status: 'unknown', user: null, signedOutReason: null };

export const sessionSlice = createSlice({
  name: 'session',
  initialState: initialSessionState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(apiUnauthorized, (state) => {
        // A 401 while signed in means the session expired or was revoked elsewhere.
        const wasSignedIn = state.status === 'signed-in';
        state.status = 'signed-out';
        state.user = null;
        state.signedOutReason = wasSignedIn ? 'expired' : state.signedOutReason;
      })
      .addMatcher(isAnyOf(sessionApi.endpoints.logout.matchFulfilled, sessionApi.endpoints.signOutEverywhere.matchFulfilled), (state) => {
        state.status = 'signed-out';
        state.user = null;
        state.signedOutReason = 'signed-out';
      })
      .addMatcher(
        isAnyOf(
          sessionApi.endpoints.getMe.matchFulfilled,
          sessionApi.endpoints.login.matchFulfilled,
          sessionApi.endpoints.signup.matchFulfilled,
          sessionApi.endpoints.deviceToken.matchFulfilled,
        ),
        (state, action) => {
          if (action.payload === null) {
            state.status = 'signed-out';
            state.user = null;
            return;
          }
          state.status = 'signed-in';
          state.user = action.payload;
          state.signedOutReason = null;
        },
      );
  },
  selectors: {
    selectSessionStatus: (state) => state.status,
    selectUser: (state) => state.user,
    selectIsSignedIn: (state) => state.status === 'signed-in',
    /** Entitled to stream: signed in with an active subscription or a running trial (the API has judged the end date). */
    selectIsEntitled: (state) => state.user?.subscription.status === 'active' || state.user?.subscription.status === 'trial',
    selectSignedOutReason: (state) => state.signedOutReason,
  },
});

export const { selectSessionStatus, selectUser, selectIsSignedIn, selectIsEntitled, selectSignedOutReason } = sessionSlice.selectors;
