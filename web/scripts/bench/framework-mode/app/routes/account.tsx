import { ensureApiFeatures } from '../../../../../src/app/lazy-features';
import { LazyRouteBoundary } from '../../../../../src/app/lazy-route';
import { AccountRoute } from '../../../../../src/app/routes/account';
import { handleOf } from '../route-handles';

// As route-table.tsx's lazy route: session, player and the /api client are installed before the
// component renders (framework mode splits route modules, so this loads with the route).
await ensureApiFeatures();

export const handle = handleOf('account');
// In the Suspense boundary route-table.tsx's lazy routes render in: the same markup.
export default function AccountPage() {
  return (
    <LazyRouteBoundary>
      <AccountRoute />
    </LazyRouteBoundary>
  );
}
