import { ActivatePanel } from '../../features/session';

export function ActivateRoute() {
  return <ActivatePanel />;
}
