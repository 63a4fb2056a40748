import { AccountPanel } from '../../features/session';

export function AccountRoute() {
  return <AccountPanel />;
}
