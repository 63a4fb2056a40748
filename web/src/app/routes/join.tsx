import { JoinForm } from '../../features/session';

export function JoinRoute() {
  return <JoinForm />;
}
