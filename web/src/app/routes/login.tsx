import { useDeviceSelector, selectIsTv } from '../../features/device';
import { DeviceSignIn, LoginForm } from '../../features/session';

/** Email and password everywhere; on a TV, beside it, sign-in by code from a phone (typing with a remote is slow). */
export function LoginRoute() {
  const tv = useDeviceSelector(selectIsTv);
  if (!tv) return <LoginForm defaultNext="/" />;
  return (
    <div className="tv-sign-in">
      <LoginForm defaultNext="/" />
      <DeviceSignIn />
    </div>
  );
}
