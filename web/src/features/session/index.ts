export { sessionSlice, initialSessionState, selectSessionStatus, selectUser, selectIsSignedIn, selectIsEntitled, selectSignedOutReason } from './sessionSlice';
export type { SessionState, SessionStatus } from './sessionSlice';
export { sessionApi, useGetMeQuery, useLoginMutation, useLogoutMutation } from './sessionApi';
export type { SessionUser, SubscriptionStatus, Credentials } from './sessionApi';
export { safeNextPath, loginPathFor } from './safe-next';
export { LoginForm } from './components/LoginForm';
export { AccountPanel } from './components/AccountPanel';
