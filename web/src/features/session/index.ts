export {
  sessionSlice,
  initialSessionState,
  selectSessionStatus,
  selectUser,
  selectIsSignedIn,
  selectIsEntitled,
  selectSignedOutReason,
} from './sessionSlice';
export type { SessionState, SessionStatus } from './sessionSlice';
export {
  sessionApi,
  useGetMeQuery,
  useLoginMutation,
  useLogoutMutation,
  useSignupMutation,
  useSignOutEverywhereMutation,
} from './sessionApi';
export type { SessionUser, SubscriptionStatus, Credentials, SignupFields, DeviceAuthorization } from './sessionApi';
export { safeNextPath, loginPathFor } from './safe-next';
export { LoginForm } from './components/LoginForm';
export { AccountPanel } from './components/AccountPanel';
export { JoinForm } from './components/JoinForm';
export { ActivatePanel } from './components/ActivatePanel';
export { DeviceSignIn } from './components/DeviceSignIn';
