import { LoginForm } from '../../features/session';

export function LoginRoute() {
  return <LoginForm defaultNext="/" />;
}
